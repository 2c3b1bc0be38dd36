package dev.tessera.catalog.catalog;

/** POST and PATCH body of a catalog; on PATCH every property is optional. */
public record CatalogBody(String displayName, String description, CatalogState state, Boolean isExternallyVisible) {
}
