package dev.tessera.catalog.resource;

import java.util.List;

/**
 * What catalog-service needs of an object in its origin system when it becomes a catalog resource:
 * its canonical origin id, names, and the roles access packages can grant (each with its origin id,
 * e.g. {@code Member_<groupId>}, an app role id, a site role number, {@code Eligible}).
 */
public record OriginObject(String originSystem, String originId, String displayName, String description,
        List<Role> roles) {

    public record Role(String displayName, String description, String originId) {
    }
}
