package dev.tessera.provisioning.adminunit;

import dev.tessera.provisioning.Principal;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A user or group in an administrative unit. The member id is also kept in {@code userId} or
 * {@code groupId}, whose foreign keys remove the membership with the member.
 */
@Entity
@Table(name = "administrative_unit_member")
public class AdministrativeUnitMember extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Enumerated(EnumType.STRING)
    @Column(name = "member_type")
    public Principal.Type memberType;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "group_id")
    public UUID groupId;

    @Column(name = "created_at")
    public Instant createdAt;

    public static AdministrativeUnitMember of(UUID unitId, Principal member, Instant at) {
        AdministrativeUnitMember row = new AdministrativeUnitMember();
        row.key = new Key(unitId, member.id());
        row.memberType = member.type();
        row.userId = member.type() == Principal.Type.User ? member.id() : null;
        row.groupId = member.type() == Principal.Type.Group ? member.id() : null;
        row.createdAt = at;
        return row;
    }

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "administrative_unit_id")
        public UUID unitId;

        @Column(name = "member_id")
        public UUID memberId;

        public Key() {
        }

        public Key(UUID unitId, UUID memberId) {
            this.unitId = unitId;
            this.memberId = memberId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(unitId, key.unitId)
                    && Objects.equals(memberId, key.memberId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(unitId, memberId);
        }
    }
}
