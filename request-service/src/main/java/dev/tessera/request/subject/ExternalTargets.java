package dev.tessera.request.subject;

import dev.tessera.platform.em.PolicyEvaluator;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.graph.GraphException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a policy admits someone who is not in the directory, by the domain of their email. Pure
 * logic: the caller supplies the connected organization the domain belongs to (if any).
 *
 * <ul>
 * <li>{@code specificConnectedOrganizationUsers}: the domain's organization is one of the policy's
 * {@code connectedOrganizationMembers};</li>
 * <li>{@code allConfiguredConnectedOrganizationUsers}: the domain belongs to an organization in state
 * {@code configured};</li>
 * <li>{@code allExternalUsers}: anyone, as Graph documents it (an organization is recorded when the
 * domain has one);</li>
 * <li>any other scope is for users in the directory and admits nobody by email.</li>
 * </ul>
 */
public final class ExternalTargets {

    static final String FIELD = "assignment.target.email";
    /** As Graph's {@code mail}, and the column that keeps it. */
    static final int MAX_EMAIL = 256;

    /** Local part and a DNS domain of two or more labels; deliberately simpler than RFC 5322. */
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@(?=.{4,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
                    + "[A-Za-z]{2,63}$");

    private ExternalTargets() {
    }

    /** The email, trimmed, or a 400 naming the field. */
    public static String email(String given) {
        String email = given == null ? "" : given.trim();
        if (email.length() > MAX_EMAIL) {
            throw GraphException.invalidField(FIELD, "Property '" + FIELD + "' must be at most " + MAX_EMAIL
                    + " characters.");
        }
        if (!EMAIL.matcher(email).matches() || email.startsWith(".") || email.contains("..")) {
            throw GraphException.invalidField(FIELD, "Property '" + FIELD + "': '" + given
                    + "' is not a valid email address such as jen@contoso.com.");
        }
        return email;
    }

    /** The domain of a valid email, lower case. */
    public static String domain(String email) {
        return email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether the policy's scope admits anyone outside the directory at all. */
    public static boolean admitsExternal(PolicyView policy) {
        return PolicyEvaluator.admitsExternal(policy);
    }

    /** Throws a 400 naming the rule when the policy does not admit this email. */
    public static void check(PolicyView policy, String email, Optional<ConnectedOrganization> organization) {
        String domain = domain(email);
        String scope = policy.allowedTargetScope();
        String name = "'" + policy.displayName() + "'";
        switch (scope) {
            case "allexternalusers" -> {
                // anyone outside the directory
            }
            case "allconfiguredconnectedorganizationusers" -> {
                if (organization.isEmpty()) {
                    throw refused("The domain '" + domain + "' of '" + email + "' does not belong to any connected "
                            + "organization; policy " + name + " admits only users of configured connected organizations "
                            + "(allowedTargetScope allConfiguredConnectedOrganizationUsers).");
                }
                if (!organization.get().configured()) {
                    throw refused("The domain '" + domain + "' of '" + email + "' belongs to connected organization '"
                            + organization.get().displayName() + "', which is " + organization.get().state()
                            + ", not configured; policy " + name + " admits only users of configured connected "
                            + "organizations (allowedTargetScope allConfiguredConnectedOrganizationUsers).");
                }
            }
            case "specificconnectedorganizationusers" -> {
                if (organization.isEmpty() || !admits(policy, organization.get())) {
                    throw refused("The domain '" + domain + "' of '" + email + "' "
                            + organization.map(o -> "belongs to connected organization '" + o.displayName()
                                    + "', which is not").orElse("does not belong to any")
                            + " of the connected organizations policy " + name + " admits (allowedTargetScope "
                            + "specificConnectedOrganizationUsers).");
                }
            }
            default -> throw refused("Policy " + name + " is for users in the directory (allowedTargetScope "
                    + policy.json().path("allowedTargetScope").asText("notSpecified") + "), and '" + email
                    + "' is not in the directory; use a policy for connected organizations or external users.");
        }
    }

    private static boolean admits(PolicyView policy, ConnectedOrganization organization) {
        return policy.specificAllowedTargets().stream()
                .filter(target -> PolicyView.subjectType(target).equals("connectedorganizationmembers"))
                .anyMatch(target -> organization.id().toString()
                        .equalsIgnoreCase(target.path("connectedOrganizationId").asText()));
    }

    private static GraphException refused(String message) {
        return GraphException.badRequest("ExternalUserNotInPolicyScope", message);
    }
}
