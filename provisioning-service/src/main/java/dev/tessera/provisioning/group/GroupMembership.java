package dev.tessera.provisioning.group;

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

/**
 * One source of one member's (or owner's) place in a group: {@code direct} for a $ref add,
 * {@code dynamic} for a dynamic group's rule, or the id of the access-package assignment that delivered it.
 */
@Entity
@Table(name = "group_membership")
public class GroupMembership extends PanacheEntityBase {

    public static final String DIRECT = "direct";

    /** The source of a member of a dynamic membership group: its rule matches the user. */
    public static final String DYNAMIC = "dynamic";

    @EmbeddedId
    public Key key;

    @Column(name = "created_at")
    public Instant createdAt;

    public static GroupMembership of(UUID groupId, UUID memberId, Relationship relationship, String source,
            Instant at) {
        GroupMembership membership = new GroupMembership();
        membership.key = new Key(groupId, memberId, relationship.value(), source);
        membership.createdAt = at;
        return membership;
    }

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "group_id")
        public UUID groupId;

        @Column(name = "member_id")
        public UUID memberId;

        public String relationship;

        public String source;

        public Key() {
        }

        public Key(UUID groupId, UUID memberId, String relationship, String source) {
            this.groupId = groupId;
            this.memberId = memberId;
            this.relationship = relationship;
            this.source = source;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(groupId, key.groupId)
                    && Objects.equals(memberId, key.memberId) && Objects.equals(relationship, key.relationship)
                    && Objects.equals(source, key.source);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, memberId, relationship, source);
        }
    }
}
