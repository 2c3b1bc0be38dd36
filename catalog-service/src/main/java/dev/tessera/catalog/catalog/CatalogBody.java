package dev.tessera.catalog.catalog;

/** POST/PATCH body of a catalog; every part optional on PATCH. */
public record CatalogBody(String displayName, String description, String state, Boolean isExternallyVisible) {
}
