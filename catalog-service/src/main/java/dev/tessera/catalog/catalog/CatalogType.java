package dev.tessera.catalog.catalog;

/** Graph {@code accessPackageCatalogType}; constants are the wire names. */
public enum CatalogType {
    userManaged,
    serviceDefault,
    serviceManaged,
    unknownFutureValue
}
