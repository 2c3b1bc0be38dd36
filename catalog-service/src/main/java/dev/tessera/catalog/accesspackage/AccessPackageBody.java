package dev.tessera.catalog.accesspackage;

/** POST and PATCH body of an access package; {@code catalog.id} defaults to the General catalog. */
public record AccessPackageBody(String displayName, String description, Boolean isHidden, IdRef catalog) {

    public record IdRef(String id) {
    }
}
