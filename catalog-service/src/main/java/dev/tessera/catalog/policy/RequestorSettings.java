package dev.tessera.catalog.policy;

import java.util.List;

/** Graph {@code accessPackageAssignmentRequestorSettings}: what targets and on-behalf requestors may ask for. */
public record RequestorSettings(
        Boolean enableTargetsToSelfAddAccess,
        Boolean enableTargetsToSelfUpdateAccess,
        Boolean enableTargetsToSelfRemoveAccess,
        Boolean allowCustomAssignmentSchedule,
        Boolean enableOnBehalfRequestorsToAddAccess,
        Boolean enableOnBehalfRequestorsToUpdateAccess,
        Boolean enableOnBehalfRequestorsToRemoveAccess,
        List<SubjectSet> onBehalfRequestors) {
}
