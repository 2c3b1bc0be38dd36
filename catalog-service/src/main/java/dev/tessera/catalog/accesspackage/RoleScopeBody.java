package dev.tessera.catalog.accesspackage;

/**
 * POST body of a resourceRoleScope. Role and scope are referenced by {@code id}, or by
 * {@code originId} + {@code originSystem} (+ {@code resource.id}); the Graph docs show both.
 */
public record RoleScopeBody(RoleRef role, ScopeRef scope) {

    public record RoleRef(String id, String originId, String originSystem, String displayName, ResourceRef resource) {
    }

    public record ScopeRef(String id, String originId, String originSystem, Boolean isRootScope,
            ResourceRef resource) {
    }

    public record ResourceRef(String id, String originId, String originSystem) {
    }
}
