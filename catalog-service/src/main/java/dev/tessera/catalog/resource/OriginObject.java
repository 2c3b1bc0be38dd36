package dev.tessera.catalog.resource;

import java.util.List;

/**
 * What catalog-service needs of an object in its origin system when it becomes a catalog resource:
 * its canonical origin id, names, and the roles access packages can grant (each with its origin id,
 * e.g. {@code Member_<groupId>}, an app role id, a site role number, {@code Eligible}). Also what
 * decides who may add it to a catalog ({@link ResourceRights}): its object id in the directory (the
 * group, service principal or site id whose owners are asked; for a site not its origin id, the URL),
 * and for a group whether it is role-assignable or a Microsoft 365 ({@code Unified}) group.
 */
public record OriginObject(String originSystem, String originId, String displayName, String description,
        List<Role> roles, String objectId, boolean roleAssignable, boolean unifiedGroup) {

    public record Role(String displayName, String description, String originId) {
    }
}
