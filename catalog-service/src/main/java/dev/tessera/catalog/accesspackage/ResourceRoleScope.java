package dev.tessera.catalog.accesspackage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A resource role (with its scope) that an access package grants; Graph id {@code <roleId>_<scopeId>}. */
@Entity
@Table(name = "resource_role_scope")
public class ResourceRoleScope extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "role_id")
    public UUID roleId;

    @Column(name = "scope_id")
    public UUID scopeId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Embeddable
    public record Key(@Column(name = "access_package_id") UUID accessPackageId, @Column(name = "id") String id)
            implements Serializable {
    }
}
