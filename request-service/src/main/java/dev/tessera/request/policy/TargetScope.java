package dev.tessera.request.policy;

import dev.tessera.platform.em.GuestOrganization;
import dev.tessera.platform.em.PolicyEvaluator;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.graph.GraphException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Whether a policy admits the target of a direct assignment (adminAdd, bulk): an administrator may
 * assign only someone the policy's {@code allowedTargetScope} admits (Entra: "the users are eligible …
 * based on the existing policy requirements. Otherwise, the users won't successfully be assigned"),
 * judged by the same {@link PolicyEvaluator} as a userAdd. An admin-only policy ({@code notSpecified})
 * admits anyone. Pure logic: the caller supplies what the directory knows of the target.
 */
public final class TargetScope {

    /** The Graph error code of the refusal. */
    public static final String CODE = "TargetNotInPolicyScope";

    private TargetScope() {
    }

    /** Why the policy does not admit the target, or empty when it does. */
    public static Optional<String> refusal(PolicyView policy, UUID target, String userType, Set<String> groupIds,
            Set<GuestOrganization> organizations) {
        if (policy.allowedTargetScope().equals("notspecified")
                || PolicyEvaluator.inRequestorScope(policy, target, userType, groupIds, organizations)) {
            return Optional.empty();
        }
        return Optional.of("User '" + target + "' is not in the scope of policy '" + policy.displayName()
                + "' (allowedTargetScope " + policy.json().path("allowedTargetScope").asText("notSpecified")
                + "), so it cannot be assigned under it; use a policy whose scope includes the user.");
    }

    /** A 400 naming the rule when the policy does not admit the target of an adminAdd. */
    public static void check(PolicyView policy, UUID target, String userType, Set<String> groupIds,
            Set<GuestOrganization> organizations) {
        refusal(policy, target, userType, groupIds, organizations).ifPresent(message -> {
            throw GraphException.badRequest(CODE, message);
        });
    }

    /** Whether the policy asks questions: then an administrator assigns one user at a time (Entra). */
    public static boolean hasQuestions(PolicyView policy) {
        return policy.json().path("questions").size() > 0;
    }
}
