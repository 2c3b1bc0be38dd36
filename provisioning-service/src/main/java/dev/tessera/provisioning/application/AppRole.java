package dev.tessera.provisioning.application;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** One app role of a service principal. */
@Entity
@Table(name = "app_role")
public class AppRole extends PanacheEntityBase {

    /** Graph's default access: the role of an assignment to an app that publishes no role for users. */
    public static final UUID DEFAULT_ACCESS = new UUID(0, 0);

    @EmbeddedId
    public Key key;

    @Column(name = "sort_order")
    public int sortOrder;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    /** Graph's {@code value}: the text a token carries in its {@code roles} claim. */
    @Column(name = "role_value")
    public String roleValue;

    @Column(name = "is_enabled")
    public boolean enabled;

    /** Comma-separated {@code User} / {@code Application}. */
    @Column(name = "allowed_member_types")
    public String allowedMemberTypes;

    public UUID id() {
        return key.id;
    }

    public List<String> allowedMemberTypeList() {
        return allowedMemberTypes == null || allowedMemberTypes.isEmpty() ? List.of()
                : Arrays.asList(allowedMemberTypes.split(","));
    }

    /** Whether users and groups (Graph's member type {@code User}) may hold this role. */
    public boolean allowsUsers() {
        return allowedMemberTypeList().contains(AppRoleRules.USER);
    }

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "service_principal_id")
        public UUID servicePrincipalId;

        public UUID id;

        public Key() {
        }

        public Key(UUID servicePrincipalId, UUID id) {
            this.servicePrincipalId = servicePrincipalId;
            this.id = id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(servicePrincipalId, key.servicePrincipalId)
                    && Objects.equals(id, key.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(servicePrincipalId, id);
        }
    }
}
