package dev.tessera.request.assignment;

/** accessPackageAssignmentState; constants are the exact Graph member names. */
public enum AssignmentState {
    delivering, partiallyDelivered, delivered, expired, deliveryFailed, unknownFutureValue
}
