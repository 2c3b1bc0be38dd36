package dev.tessera.request.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.events.DeliveryReported;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentState;
import dev.tessera.request.metrics.RequestMetrics;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.RequestState;
import dev.tessera.request.subject.Subject;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Applies a delivery report. Runs inside the idempotent consumer's transaction; a report for an
 * assignment that has ended since (a late grant report after a removal) changes nothing.
 */
@ApplicationScoped
public class DeliveryOutcomes {

    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);

    @Inject
    InstantSource clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    RequestMetrics metrics;

    public Uni<Void> apply(DeliveryReported report) {
        Instant now = clock.instant();
        return Assignment.<Assignment>findById(report.assignmentId()).chain(assignment -> {
            if (assignment == null) {
                LOG.warnf("Delivery report for unknown assignment %s ignored", report.assignmentId());
                return Uni.createFrom().voidItem();
            }
            boolean removal = DeliveryReported.REMOVE.equals(report.operation());
            Uni<Void> invited = !removal && assignment.targetObjectId == null && report.targetObjectId() != null
                    ? invited(assignment, report.targetObjectId())
                    : Uni.createFrom().voidItem();
            if (removal) {
                assignment.state = AssignmentState.expired;
                assignment.status = "Expired";
                // when the access went: a deferred directory role goes minutes after the removal was asked
                assignment.expiredAt = report.completedDateTime() != null ? report.completedDateTime() : now;
            } else if (assignment.isLive()) {
                assignment.state = grantState(report.outcome());
                assignment.status = status(assignment.state.name());
                assignment.deliveryDetail = json(report.roles());
            }
            assignment.modifiedAt = now;
            return invited.chain(() -> AssignmentRequest.<AssignmentRequest>findById(report.requestId())).invoke(request -> {
                if (request != null && request.targetObjectId == null) {
                    request.targetObjectId = assignment.targetObjectId;
                }
                if (request == null || request.completedAt != null) {
                    return;
                }
                request.state = removal ? RequestState.delivered : requestState(report.outcome());
                request.status = status(request.state.name());
                request.completedAt = now;
                request.failure = failures(report);
                metrics.completed(request);
            }).replaceWithVoid();
        });
    }

    /**
     * provisioning-service invited the assignment's external target as a guest: the object id fills
     * the subject and everything that names it without one (its other assignments and requests).
     */
    private Uni<Void> invited(Assignment assignment, UUID objectId) {
        assignment.targetObjectId = objectId;
        Subject subject = assignment.targetSubject;
        if (subject == null) {
            return Uni.createFrom().voidItem();
        }
        if (subject.objectId == null) {
            subject.objectId = objectId;
        }
        LOG.infof("Subject %s (%s) is directory user %s", subject.id, subject.email, objectId);
        return Assignment.update("targetObjectId = ?1 where targetSubject.id = ?2 and targetObjectId is null and id <> ?3",
                        objectId, subject.id, assignment.id)
                .chain(() -> AssignmentRequest.update("targetObjectId = ?1 where targetSubject.id = ?2 and targetObjectId is null",
                        objectId, subject.id))
                .replaceWithVoid();
    }

    static AssignmentState grantState(String outcome) {
        return switch (outcome) {
            case "delivered" -> AssignmentState.delivered;
            case "partiallyDelivered" -> AssignmentState.partiallyDelivered;
            default -> AssignmentState.deliveryFailed;
        };
    }

    static RequestState requestState(String outcome) {
        return switch (outcome) {
            case "delivered" -> RequestState.delivered;
            case "partiallyDelivered" -> RequestState.partiallyDelivered;
            default -> RequestState.deliveryFailed;
        };
    }

    /** Graph's status strings are the PascalCase of the state: {@code Delivered}, {@code DeliveryFailed}. */
    static String status(String state) {
        return Character.toUpperCase(state.charAt(0)) + state.substring(1);
    }

    private static String failures(DeliveryReported report) {
        if (report.roles() == null) {
            return null;
        }
        String failed = report.roles().stream()
                .filter(r -> "failed".equals(r.status()))
                .map(r -> r.roleDisplayName() + " (" + r.roleId() + "): " + r.error())
                .collect(Collectors.joining("; "));
        return failed.isEmpty() ? null : failed;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
