package dev.tessera.request.subject;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.em.GuestDomain;
import dev.tessera.platform.em.GuestOrganization;
import dev.tessera.platform.em.PolicyEvaluator;
import dev.tessera.platform.em.PolicyView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.Set;

/**
 * The connected organizations a guest requestor in the directory belongs to, as the
 * connected-organization requestor scopes need them: the organization catalog-service gives the domain
 * of the guest's mail (or of their {@code #EXT#} principal name), asked through the same lookup as
 * external users by email.
 */
@ApplicationScoped
public class GuestOrganizations {

    @Inject
    ConnectedOrganizations organizations;

    /**
     * For {@code user} (the directory's JSON) under {@code policy}: empty unless the policy's scope needs
     * organizations and the user is a guest with a domain that has one.
     */
    public Uni<Set<GuestOrganization>> of(PolicyView policy, JsonNode user) {
        if (!PolicyEvaluator.needsOrganizations(policy) || !"guest".equalsIgnoreCase(user.path("userType").asText())) {
            return Uni.createFrom().item(Set.of());
        }
        return GuestDomain.of(user.path("mail").asText(null), user.path("userPrincipalName").asText(null))
                .map(domain -> organizations.byDomain(domain)
                        .map(found -> found.map(o -> Set.of(new GuestOrganization(o.id(), o.configured())))
                                .orElse(Set.of()))
                        // a domain catalog-service cannot read as a DNS name belongs to no organization
                        .onFailure(GuestOrganizations::isBadRequest).recoverWithItem(Set.of()))
                .orElseGet(() -> Uni.createFrom().item(Set.of()));
    }

    private static boolean isBadRequest(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse().getStatus() == 400;
    }
}
