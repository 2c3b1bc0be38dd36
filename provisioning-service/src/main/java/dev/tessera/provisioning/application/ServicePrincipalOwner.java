package dev.tessera.provisioning.application;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A user who owns a service principal. */
@Entity
@Table(name = "service_principal_owner")
public class ServicePrincipalOwner extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "created_at")
    public Instant createdAt;

    public static ServicePrincipalOwner of(UUID servicePrincipalId, UUID userId, Instant at) {
        ServicePrincipalOwner owner = new ServicePrincipalOwner();
        owner.key = new Key(servicePrincipalId, userId);
        owner.createdAt = at;
        return owner;
    }

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "service_principal_id")
        public UUID servicePrincipalId;

        @Column(name = "user_id")
        public UUID userId;

        public Key() {
        }

        public Key(UUID servicePrincipalId, UUID userId) {
            this.servicePrincipalId = servicePrincipalId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(servicePrincipalId, key.servicePrincipalId)
                    && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(servicePrincipalId, userId);
        }
    }
}
