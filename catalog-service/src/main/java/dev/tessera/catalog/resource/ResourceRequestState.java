package dev.tessera.catalog.resource;

/** Graph {@code accessPackageRequestState}. Resource requests are applied at once, so they are {@code delivered}. */
public enum ResourceRequestState {
    submitted,
    pendingApproval,
    delivering,
    delivered,
    deliveryFailed,
    denied,
    scheduled,
    canceled,
    partiallyDelivered,
    unknownFutureValue
}
