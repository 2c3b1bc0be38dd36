package dev.tessera.catalog.accesspackage;

/** POST/PATCH body of an access package. */
public record AccessPackageBody(String displayName, String description, Boolean isHidden, CatalogRef catalog) {

    public record CatalogRef(String id) {
    }
}
