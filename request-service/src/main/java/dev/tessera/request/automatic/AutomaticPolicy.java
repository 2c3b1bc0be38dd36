package dev.tessera.request.automatic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.em.MembershipRule;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.request.catalog.RequestContext;
import dev.tessera.request.request.AssignmentRequestStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * An auto-assignment policy as request-service applies it: who is in (attribute rules, group
 * members, single users of {@code specificAllowedTargets} — any one of them is enough), whether
 * leaving takes the package away, and after how long. {@code fingerprint} changes when any of that changes.
 */
public record AutomaticPolicy(UUID policyId, UUID accessPackageId, PolicyView policy,
        AssignmentRequestStore.GrantContext grant, List<MembershipRule> rules, Set<UUID> groups, Set<UUID> users,
        boolean removeWhenLeaving, Duration gracePeriod, RequestContext.Incompatible incompatible, String fingerprint) {

    private static final Logger LOG = Logger.getLogger(AutomaticPolicy.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Whether this user — known to the directory, not deleted, enabled — is one of the policy's targets. */
    public boolean matches(UUID userId, Map<String, Object> attributes, Set<UUID> groupIds) {
        if (users.contains(userId) || groupIds.stream().anyMatch(groups::contains)) {
            return true;
        }
        return rules.stream().anyMatch(rule -> rule.matches(attributes));
    }

    /**
     * One entry of catalog-service's list ({@code accessPackage}, {@code policy}, {@code resourceRoles}),
     * or null for a policy Tessera does not apply automatically (other target scopes, a rule it cannot
     * read — refused loudly in the log rather than guessed at).
     */
    static AutomaticPolicy of(JsonNode entry) {
        JsonNode json = entry.path("policy");
        PolicyView policy = new PolicyView(json);
        JsonNode settings = json.path("automaticRequestSettings");
        if (!flag(settings.path("requestAccessForAllowedTargets"))) {
            return null;
        }
        if (!"specificDirectoryUsers".equalsIgnoreCase(json.path("allowedTargetScope").asText())) {
            LOG.warnf("Policy %s: automatic assignment is applied only for allowedTargetScope specificDirectoryUsers",
                    policy.id());
            return null;
        }
        List<MembershipRule> rules = new ArrayList<>();
        Set<UUID> groups = new HashSet<>();
        Set<UUID> users = new HashSet<>();
        for (JsonNode target : json.path("specificAllowedTargets")) {
            String type = target.path("@odata.type").asText("").toLowerCase(Locale.ROOT);
            try {
                if (type.endsWith("attributerulemembers")) {
                    rules.add(MembershipRule.parse(target.path("membershipRule").asText(null)));
                } else if (type.endsWith("groupmembers")) {
                    groups.add(UUID.fromString(target.path("groupId").asText()));
                } else if (type.endsWith("singleuser")) {
                    users.add(UUID.fromString(target.path("userId").asText()));
                }
            } catch (IllegalArgumentException e) {
                LOG.errorf("Policy %s is not applied automatically: %s", policy.id(), e.getMessage());
                return null;
            }
        }
        JsonNode pkg = entry.path("accessPackage");
        List<ResourceRoleRef> roles = MAPPER.convertValue(entry.path("resourceRoles"),
                MAPPER.getTypeFactory().constructCollectionType(List.class, ResourceRoleRef.class));
        RequestContext.Incompatible incompatible = entry.hasNonNull("incompatible")
                ? MAPPER.convertValue(entry.get("incompatible"), RequestContext.Incompatible.class)
                : RequestContext.Incompatible.NONE;
        AssignmentRequestStore.GrantContext grant = new AssignmentRequestStore.GrantContext(
                pkg.path("displayName").asText(null), uuid(pkg.path("catalogId").asText(null)), roles, incompatible);
        String fingerprint = sha256(json.path("allowedTargetScope").asText() + "|" + json.path("specificAllowedTargets")
                + "|" + settings);
        return new AutomaticPolicy(policy.id(), UUID.fromString(pkg.path("id").asText()), policy, grant, List.copyOf(rules),
                Set.copyOf(groups), Set.copyOf(users), flag(settings.path("removeAccessWhenTargetLeavesAllowedTargets")),
                grace(settings.path("gracePeriodBeforeAccessRemoval").asText(null)), incompatible, fingerprint);
    }

    /** The timer key of this policy's pending removal for a user. */
    String removalKey(UUID userId) {
        return policyId + "/" + userId;
    }

    private static boolean flag(JsonNode node) {
        return node.asBoolean(false) || "true".equalsIgnoreCase(node.asText());
    }

    static Duration grace(String iso) {
        if (iso == null || iso.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(iso);
        } catch (DateTimeParseException e) {
            try {
                // P1M, P1Y: calendar units, counted as days
                Period period = Period.parse(iso);
                return Duration.ofDays(period.toTotalMonths() * 30 + period.getDays());
            } catch (DateTimeParseException again) {
                LOG.warnf("gracePeriodBeforeAccessRemoval '%s' is not an ISO-8601 duration; no grace period", iso);
                return Duration.ZERO;
            }
        }
    }

    private static UUID uuid(String value) {
        return value == null ? null : UUID.fromString(value);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
