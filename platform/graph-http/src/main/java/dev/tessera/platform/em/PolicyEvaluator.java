package dev.tessera.platform.em;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.GraphException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Decides whether a requestor may ask for access under a policy. Pure logic: the caller supplies
 * what the directory knows (user type, group memberships) so it can be tested without services.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    /** Whether evaluating the policy's requestor scope needs the requestor's group memberships. */
    public static boolean needsGroupMemberships(PolicyView policy) {
        return policy.specificAllowedTargets().stream()
                .anyMatch(t -> PolicyEvaluator.isType(t, "groupmembers"));
    }

    /** A self-service {@code userAdd}: throws a Graph error naming the rule that refuses it. */
    public static void checkSelfAdd(PolicyView policy, UUID requestor, String userType, Set<String> groupIds,
            String justification) {
        if (!policy.selfAddEnabled()) {
            throw GraphException.forbidden("Policy '" + policy.displayName()
                    + "' does not allow requestors to request access for themselves.");
        }
        if (!inRequestorScope(policy, requestor, userType, groupIds)) {
            throw GraphException.forbidden("The requestor is not in the scope of policy '" + policy.displayName()
                    + "' (allowedTargetScope " + policy.allowedTargetScope() + ").");
        }
        checkJustification(policy, justification);
    }

    public static void checkJustification(PolicyView policy, String justification) {
        if (policy.justificationRequired() && (justification == null || justification.isBlank())) {
            throw GraphException.invalidField("justification",
                    "Policy '" + policy.displayName() + "' requires a justification.");
        }
    }

    public static boolean inRequestorScope(PolicyView policy, UUID requestor, String userType, Set<String> groupIds) {
        String type = userType == null ? "member" : userType.toLowerCase(Locale.ROOT);
        return switch (policy.allowedTargetScope()) {
            case "allmemberusers" -> type.equals("member");
            case "alldirectoryusers" -> true;
            case "allexternalusers", "allconfiguredconnectedorganizationusers" -> type.equals("guest");
            case "specificdirectoryusers" -> policy.specificAllowedTargets().stream()
                    .anyMatch(target -> matches(target, requestor, groupIds));
            default -> false;
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
