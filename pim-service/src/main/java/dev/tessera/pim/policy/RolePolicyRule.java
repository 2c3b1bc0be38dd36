package dev.tessera.pim.policy;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A policy rule an administrator changed (the others have their defaults). */
@Entity
@Table(name = "role_policy_rule")
public class RolePolicyRule extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "role_definition_id") String roleDefinitionId,
            @Column(name = "rule_id") String ruleId) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    /** The rule's whole effective body, Graph JSON. */
    public String body;

    @Column(name = "modified_by")
    public UUID modifiedBy;

    @Column(name = "modified_at")
    public Instant modifiedAt;
}
