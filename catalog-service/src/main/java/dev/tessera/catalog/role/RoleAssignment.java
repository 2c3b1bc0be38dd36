package dev.tessera.catalog.role;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A unifiedRoleAssignment of the entitlement-management provider: a principal holds an EM role at a scope. */
@Entity
@Table(name = "em_role_assignment")
public class RoleAssignment {

    public static final String CATALOG_SCOPE_PREFIX = "/AccessPackageCatalog/";
    public static final String TENANT_SCOPE = "/";

    @Id
    public UUID id;

    @Column(name = "principal_id")
    public UUID principalId;

    /** {@code user} or {@code group}, as the directory answered when the assignment was made. */
    @Column(name = "principal_type")
    public String principalType;

    @Column(name = "role_definition_id")
    public UUID roleDefinitionId;

    /** The catalog of a catalog-scoped role; null for Catalog creator. */
    @Column(name = "catalog_id")
    public UUID catalogId;

    @Column(name = "app_scope_id")
    public String appScopeId;

    @Column(name = "directory_scope_id")
    public String directoryScopeId;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The Catalog owner assignment a Catalog creator receives for the catalog they create. */
    public static RoleAssignment owner(UUID catalogId, UUID userId, Instant now) {
        RoleAssignment owner = new RoleAssignment();
        owner.id = UUID.randomUUID();
        owner.principalId = userId;
        owner.principalType = "user";
        owner.roleDefinitionId = EmRole.CATALOG_OWNER.id();
        owner.catalogId = catalogId;
        owner.appScopeId = catalogScope(catalogId);
        owner.createdAt = now;
        return owner;
    }

    public static String catalogScope(UUID catalogId) {
        return CATALOG_SCOPE_PREFIX + catalogId;
    }
}
