package dev.tessera.catalog.policy;

/**
 * Graph {@code expirationPattern}: how long an assignment lasts. {@code endDateTime} is kept as an
 * ISO-8601 UTC instant and {@code duration} as the ISO-8601 duration the client sent.
 */
public record ExpirationPattern(ExpirationType type, String endDateTime, String duration) {
}
