package dev.tessera.provisioning.site;

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

/** A user in one role of one site. */
@Entity
@Table(name = "site_role_member")
public class SiteRoleMember extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "created_at")
    public Instant createdAt;

    public static SiteRoleMember of(UUID siteId, String roleId, UUID userId, Instant at) {
        SiteRoleMember member = new SiteRoleMember();
        member.key = new Key(siteId, roleId, userId);
        member.createdAt = at;
        return member;
    }

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "site_id")
        public UUID siteId;

        @Column(name = "role_id")
        public String roleId;

        @Column(name = "user_id")
        public UUID userId;

        public Key() {
        }

        public Key(UUID siteId, String roleId, UUID userId) {
            this.siteId = siteId;
            this.roleId = roleId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(siteId, key.siteId)
                    && Objects.equals(roleId, key.roleId) && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(siteId, roleId, userId);
        }
    }
}
