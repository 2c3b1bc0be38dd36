package dev.tessera.request.assignment;

/**
 * accessPackageAssignmentState; constants are the exact Graph member names. {@code scheduled} comes after the
 * {@code unknownFutureValue} sentinel: Graph's assignment enum has no member for an assignment whose schedule has
 * not started yet, so it is Tessera's own and shows on the wire as {@code unknownFutureValue} (status
 * {@code Scheduled}); see {@link AssignmentStart}.
 */
public enum AssignmentState {
    delivering, partiallyDelivered, delivered, expired, deliveryFailed, unknownFutureValue, scheduled;

    /** As Graph clients see it: members after the sentinel are {@code unknownFutureValue}. */
    public AssignmentState onTheWire() {
        return ordinal() > unknownFutureValue.ordinal() ? unknownFutureValue : this;
    }
}
