package dev.tessera.request.subject;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.em.GuestDomain;
import dev.tessera.platform.em.PolicyView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;

/**
 * Entra's proposed connected organizations: when someone from outside asks for themselves under a policy
 * for {@code allExternalUsers} and their domain belongs to no connected organization, catalog-service
 * creates one for the domain in state {@code proposed} (named after the domain, one domainIdentitySource),
 * once per domain. {@code allConfiguredConnectedOrganizationUsers} ignores it until an administrator
 * configures it. Asked only after every rule admitted the request, so a refused request proposes nothing;
 * catalog-service down is a 503 and no request is recorded.
 */
@ApplicationScoped
public class ProposedOrganizations {

    @Inject
    ConnectedOrganizations organizations;

    /** Whether requests under this policy propose organizations for unknown domains. */
    public static boolean proposes(PolicyView policy) {
        return policy.allowedTargetScope().equals("allexternalusers");
    }

    /**
     * For an external requestor by email whose domain's organization is {@code found}: proposes one for the
     * domain when there is none under a policy for all external users. The request keeps what it was
     * admitted through (no organization): the proposal is for an administrator to review and configure.
     */
    public Uni<Void> forDomain(PolicyView policy, String domain, Optional<ConnectedOrganization> found) {
        if (!proposes(policy) || found.isPresent()) {
            return Uni.createFrom().voidItem();
        }
        return organizations.propose(domain).replaceWithVoid();
    }

    /**
     * For a guest in the directory (their mail's domain, or the one their {@code #EXT#} principal name
     * encodes): proposes an organization for their domain when none has it; nothing under other scopes,
     * for a member, or for a guest without a domain catalog-service reads as one.
     */
    public Uni<Void> forGuest(PolicyView policy, JsonNode user) {
        if (!proposes(policy) || !"guest".equalsIgnoreCase(user.path("userType").asText())) {
            return Uni.createFrom().voidItem();
        }
        return GuestDomain.of(user.path("mail").asText(null), user.path("userPrincipalName").asText(null))
                .map(domain -> organizations.byDomain(domain)
                        .chain(found -> forDomain(policy, domain, found))
                        .onFailure(ProposedOrganizations::isBadRequest).recoverWithNull())
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    private static boolean isBadRequest(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse().getStatus() == 400;
    }
}
