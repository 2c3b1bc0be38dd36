package dev.tessera.catalog.accesspackage;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A resource role, at a scope, that an access package grants. Its Graph id {@code <roleId>_<scopeId>}
 * is unique only within the package, hence the composite key.
 */
@Entity
@Table(name = "resource_role_scope")
public class ResourceRoleScope {

    @EmbeddedId
    public Key key;

    @Column(name = "role_id")
    public UUID roleId;

    @Column(name = "scope_id")
    public UUID scopeId;

    @Column(name = "created_at")
    public Instant createdAt;

    public String graphId() {
        return key.id();
    }

    public UUID accessPackageId() {
        return key.accessPackageId();
    }

    public static String graphId(UUID roleId, UUID scopeId) {
        return roleId + "_" + scopeId;
    }

    @Embeddable
    public record Key(@Column(name = "access_package_id") UUID accessPackageId, @Column(name = "id") String id)
            implements Serializable {
    }
}
