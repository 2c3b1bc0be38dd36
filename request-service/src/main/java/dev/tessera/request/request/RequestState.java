package dev.tessera.request.request;

/** accessPackageRequestState; constants are the exact Graph member names. */
public enum RequestState {
    submitted, pendingApproval, delivering, delivered, deliveryFailed, denied, scheduled, canceled,
    partiallyDelivered, unknownFutureValue
}
