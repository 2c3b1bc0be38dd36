package dev.tessera.catalog.catalog;

/** Graph {@code accessPackageCatalogState}; constants are the wire names. */
public enum CatalogState {
    unpublished,
    published,
    unknownFutureValue
}
