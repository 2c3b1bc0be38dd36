package dev.tessera.catalog.policy;

/** Graph {@code expirationPatternType}. */
public enum ExpirationType {
    notSpecified,
    noExpiration,
    afterDateTime,
    afterDuration
}
