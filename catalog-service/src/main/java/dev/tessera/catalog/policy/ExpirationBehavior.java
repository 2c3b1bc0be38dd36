package dev.tessera.catalog.policy;

/** Graph {@code accessReviewExpirationBehavior}: what happens to access nobody reviewed. */
public enum ExpirationBehavior {
    keepAccess,
    removeAccess,
    acceptAccessRecommendation,
    unknownFutureValue
}
