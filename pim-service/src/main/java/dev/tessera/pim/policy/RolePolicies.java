package dev.tessera.pim.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.pim.directory.Directory;
import dev.tessera.pim.roledefinition.RoleDefinition;
import dev.tessera.platform.graph.RemoteErrors;
import dev.tessera.platform.graph.GraphException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Role management policies: one per role definition at the tenant scope, id
 * {@code DirectoryRole_<tenantId>_<roleDefinitionId>}, so a custom role has one as soon as it
 * exists. Reads and PATCHes rules; gives ScheduleService the {@link RolePolicy} to enforce, read
 * in the same transaction as the request it judges, so a PATCH applies to the next request.
 */
@ApplicationScoped
public class RolePolicies {

    static final String PREFIX = "DirectoryRole_";

    @Inject
    InstantSource clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    Directory directory;

    @ConfigProperty(name = "tessera.tenant-id", defaultValue = "00000000-0000-0000-0000-000000000001")
    String tenantId;

    /** A policy with its rules as they are now. */
    public record Policy(String id, RoleDefinition role, Map<String, ObjectNode> rules, Instant lastModifiedAt,
            UUID lastModifiedBy) {

        public RolePolicy enforced() {
            return PolicyRules.enforced(rules);
        }
    }

    public String policyId(String roleDefinitionId) {
        return PREFIX + tenantId + "_" + roleDefinitionId;
    }

    /** The role definition id of a policy id, or null when the id is not one of this tenant's policies. */
    String roleDefinitionIdOf(String policyId) {
        String prefix = PREFIX + tenantId + "_";
        return policyId.regionMatches(true, 0, prefix, 0, prefix.length())
                ? policyId.substring(prefix.length()).toLowerCase(Locale.ROOT) : null;
    }

    /** The policy of a role, inside the caller's session. */
    public Uni<RolePolicy> enforcedFor(String roleDefinitionId) {
        return RolePolicyRule.<RolePolicyRule>list("key.roleDefinitionId", roleDefinitionId)
                .map(rows -> PolicyRules.enforced(rules(rows)));
    }

    /**
     * Every policy (one per role definition, so one per built-in role and custom role), ordered by
     * role definition id: two queries whatever the number of roles, rules grouped in memory.
     */
    public Uni<List<Policy>> all() {
        return RoleDefinition.<RoleDefinition>listAll().chain(roles -> RolePolicyRule.<RolePolicyRule>listAll()
                .map(rows -> {
                    Map<String, List<RolePolicyRule>> byRole = rows.stream()
                            .collect(Collectors.groupingBy(r -> r.key.roleDefinitionId()));
                    return roles.stream().sorted(Comparator.comparing(r -> r.id))
                            .map(role -> policy(role, byRole.getOrDefault(role.id, List.of())))
                            .toList();
                }));
    }

    public Uni<Policy> find(String policyId) {
        String roleId = roleDefinitionIdOf(policyId);
        if (roleId == null) {
            return Uni.createFrom().failure(notFound(policyId));
        }
        return RoleDefinition.<RoleDefinition>findById(roleId).chain(role -> {
            if (role == null) {
                throw notFound(policyId);
            }
            return RolePolicyRule.<RolePolicyRule>list("key.roleDefinitionId", role.id).map(rows -> policy(role, rows));
        });
    }

    @WithTransaction
    public Uni<Void> patchRule(String policyId, String ruleId, JsonNode body, UUID caller) {
        return find(policyId).chain(policy -> {
            ObjectNode current = policy.rules().get(ruleId);
            if (current == null) {
                throw GraphException.notFound("Rule '" + ruleId + "' is not a rule of policy '" + policyId + "'.");
            }
            ObjectNode next = PolicyRules.patch(ruleId, current, body);
            Uni<Void> approvers = PolicyRules.APPROVAL.equals(PolicyRules.type(ruleId))
                    ? requireApproversExist(next) : Uni.createFrom().voidItem();
            return approvers.chain(() -> store(policy, ruleId, next, caller));
        });
    }

    /** Every primary approver must be a user or group of the directory (asked with the service token). */
    private Uni<Void> requireApproversExist(ObjectNode rule) {
        Uni<Void> checks = Uni.createFrom().voidItem();
        for (Map.Entry<String, RolePolicy.Approver> entry : PolicyRules.approvers(rule).entrySet()) {
            RolePolicy.Approver approver = entry.getValue();
            String what = (approver.group() ? "group '" : "user '") + approver.id() + "'";
            checks = checks.chain(() -> (approver.group()
                    ? directory.group(approver.id()).map(java.util.Optional::isPresent)
                    : directory.userExists(approver.id()))
                    .onFailure().transform(e -> RemoteErrors.asGraphError(e, "directory", "approver " + what))
                    .invoke(exists -> {
                        if (!exists) {
                            throw GraphException.invalidField(entry.getKey(), "Approver " + what
                                    + " does not exist in the directory.");
                        }
                    }).replaceWithVoid());
        }
        return checks;
    }

    /**
     * Writes the rule's effective body. An upsert: the first PATCH of a rule sent twice at once must
     * not insert two rows with one key (the later write wins, as for any two PATCHes).
     */
    private Uni<Void> store(Policy policy, String ruleId, ObjectNode next, UUID caller) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into role_policy_rule (role_definition_id, rule_id, body, modified_by, modified_at)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (role_definition_id, rule_id) do update
                    set body = excluded.body, modified_by = excluded.modified_by, modified_at = excluded.modified_at""")
                .setParameter(1, policy.role().id)
                .setParameter(2, ruleId)
                .setParameter(3, write(next))
                .setParameter(4, caller)
                .setParameter(5, clock.instant())
                .executeUpdate())
                .replaceWithVoid();
    }

    private Policy policy(RoleDefinition role, List<RolePolicyRule> rows) {
        RolePolicyRule last = rows.stream().max(Comparator.comparing(r -> r.modifiedAt)).orElse(null);
        return new Policy(policyId(role.id), role, rules(rows), last == null ? null : last.modifiedAt,
                last == null ? null : last.modifiedBy);
    }

    private Map<String, ObjectNode> rules(List<RolePolicyRule> rows) {
        Map<String, ObjectNode> rules = new LinkedHashMap<>();
        for (String id : PolicyRules.IDS) {
            rules.put(id, rows.stream().filter(r -> r.key.ruleId().equals(id)).findFirst()
                    .map(r -> read(r.body)).orElseGet(() -> PolicyRules.defaultRule(id)));
        }
        return rules;
    }

    private ObjectNode read(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored policy rule is not JSON", e);
        }
    }

    private String write(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static GraphException notFound(String policyId) {
        return GraphException.notFound("Role management policy '" + policyId + "' was not found.");
    }
}
