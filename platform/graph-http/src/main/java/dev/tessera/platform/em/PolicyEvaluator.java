package dev.tessera.platform.em;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.GraphException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Decides whether a requestor may ask for access under a policy. Pure logic: the caller supplies
 * what the directory knows (user type, group memberships) and, for a guest, the connected
 * organizations their domain belongs to (see {@link GuestDomain}), so it can be tested without services.
 *
 * <p>The scopes for people outside the organization admit guests only, never members:
 * {@code specificConnectedOrganizationUsers} a guest of one of the policy's
 * {@code connectedOrganizationMembers}; {@code allConfiguredConnectedOrganizationUsers} a guest of a
 * {@code configured} (not {@code proposed}) organization; {@code allExternalUsers} any guest.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    /** Whether evaluating the policy's requestor scope needs the requestor's group memberships. */
    public static boolean needsGroupMemberships(PolicyView policy) {
        return policy.specificAllowedTargets().stream()
                .anyMatch(t -> PolicyEvaluator.isType(t, "groupmembers"));
    }

    /**
     * Whether evaluating the policy's requestor scope for a guest needs the connected organizations
     * the guest belongs to.
     */
    public static boolean needsOrganizations(PolicyView policy) {
        return switch (policy.allowedTargetScope()) {
            case "specificconnectedorganizationusers", "allconfiguredconnectedorganizationusers" -> true;
            default -> false;
        };
    }

    /**
     * Whether the policy's scope admits people outside the organization (guests and those not yet in
     * the directory): all external users, or users of connected organizations.
     */
    public static boolean admitsExternal(PolicyView policy) {
        return switch (policy.allowedTargetScope()) {
            case "allexternalusers", "allconfiguredconnectedorganizationusers", "specificconnectedorganizationusers" -> true;
            default -> false;
        };
    }

    /** A self-service {@code userAdd}: throws a Graph error naming the rule that refuses it. */
    public static void checkSelfAdd(PolicyView policy, UUID requestor, String userType, Set<String> groupIds,
            Set<GuestOrganization> organizations, String justification) {
        if (!policy.selfAddEnabled()) {
            throw GraphException.forbidden("Policy '" + policy.displayName()
                    + "' does not allow requestors to request access for themselves.");
        }
        if (!inRequestorScope(policy, requestor, userType, groupIds, organizations)) {
            throw GraphException.forbidden("The requestor is not in the scope of policy '" + policy.displayName()
                    + "' (allowedTargetScope " + policy.json().path("allowedTargetScope").asText("notSpecified") + ")"
                    + outsideHint(policy, guest(userType), organizations) + ".");
        }
        checkJustification(policy, justification);
    }

    public static void checkJustification(PolicyView policy, String justification) {
        if (policy.justificationRequired() && (justification == null || justification.isBlank())) {
            throw GraphException.invalidField("justification",
                    "Policy '" + policy.displayName() + "' requires a justification.");
        }
    }

    /**
     * Whether the policy's requestor scope admits the requestor. {@code organizations}: the connected
     * organizations a guest belongs to (ignored for members); may be empty when
     * {@link #needsOrganizations} is false.
     */
    public static boolean inRequestorScope(PolicyView policy, UUID requestor, String userType, Set<String> groupIds,
            Set<GuestOrganization> organizations) {
        boolean guest = guest(userType);
        return switch (policy.allowedTargetScope()) {
            case "allmemberusers" -> !guest;
            case "alldirectoryusers" -> true;
            case "allexternalusers" -> guest;
            case "allconfiguredconnectedorganizationusers" -> guest
                    && organizations.stream().anyMatch(GuestOrganization::configured);
            case "specificconnectedorganizationusers" -> guest && organizations.stream()
                    .anyMatch(organization -> listed(policy, organization.id()));
            case "specificdirectoryusers" -> policy.specificAllowedTargets().stream()
                    .anyMatch(target -> matches(target, requestor, groupIds));
            default -> false;
        };
    }

    private static boolean guest(String userType) {
        return userType != null && userType.toLowerCase(Locale.ROOT).equals("guest");
    }

    private static boolean listed(PolicyView policy, UUID organizationId) {
        return policy.specificAllowedTargets().stream()
                .filter(target -> isType(target, "connectedorganizationmembers"))
                .anyMatch(target -> organizationId.toString().equalsIgnoreCase(target.path("connectedOrganizationId").asText()));
    }

    /** Why a connected-organization or external scope refused: the part of the rule the requestor misses. */
    private static String outsideHint(PolicyView policy, boolean guest, Set<GuestOrganization> organizations) {
        return switch (policy.allowedTargetScope()) {
            case "allexternalusers", "allconfiguredconnectedorganizationusers", "specificconnectedorganizationusers" -> {
                if (!guest) {
                    yield ": it admits guests from outside the organization, not members";
                }
                if (organizations.isEmpty()) {
                    yield ": the requestor's domain belongs to no connected organization";
                }
                yield policy.allowedTargetScope().equals("allconfiguredconnectedorganizationusers")
                        ? ": the requestor's connected organization is not configured (it is proposed)"
                        : ": the requestor's connected organization is not one the policy names";
            }
            default -> "";
        };
    }

    private static boolean matches(JsonNode target, UUID requestor, Set<String> groupIds) {
        if (isType(target, "singleuser")) {
            return requestor.toString().equalsIgnoreCase(target.path("userId").asText());
        }
        if (isType(target, "groupmembers")) {
            return groupIds.contains(target.path("groupId").asText().toLowerCase(Locale.ROOT));
        }
        return false;
    }

    private static boolean isType(JsonNode subjectSet, String type) {
        return PolicyView.subjectType(subjectSet).equals(type);
    }
}
