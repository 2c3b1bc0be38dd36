package dev.tessera.catalog.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Graph {@code accessPackageAssignmentReviewSettings}. The review {@code schedule}
 * (entitlementManagementSchedule) is kept as sent: reviews are not run by Tessera yet.
 */
public record ReviewSettings(
        Boolean isEnabled,
        ExpirationBehavior expirationBehavior,
        Boolean isRecommendationEnabled,
        Boolean isReviewerJustificationRequired,
        Boolean isSelfReview,
        JsonNode schedule,
        List<SubjectSet> primaryReviewers,
        List<SubjectSet> fallbackReviewers) {
}
