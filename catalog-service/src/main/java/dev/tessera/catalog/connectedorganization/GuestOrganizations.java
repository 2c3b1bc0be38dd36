package dev.tessera.catalog.connectedorganization;

import dev.tessera.catalog.resource.Requestors;
import dev.tessera.platform.em.GuestOrganization;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The connected organizations a guest requestor belongs to, for the connected-organization requestor
 * scopes: the one whose domain-based identity source is the guest's domain (a domain belongs to at most
 * one organization), the same rule the internal lookup by domain answers request-service with.
 */
@ApplicationScoped
public class GuestOrganizations {

    @Inject
    ConnectedOrganizationRepository organizations;

    /**
     * The organizations of a guest requestor when some policy's scope needs them ({@code needed}); empty
     * for members, whom these scopes never admit.
     */
    public Uni<Set<GuestOrganization>> of(Requestors.Requestor requestor, boolean needed) {
        return needed && requestor.guest() && requestor.guestDomain() != null ? ofDomain(requestor.guestDomain())
                : Uni.createFrom().item(Set.of());
    }

    /** Empty for no domain, an unusable one, or one no organization has. */
    public Uni<Set<GuestOrganization>> ofDomain(String domain) {
        return DomainNames.canonical(domain)
                .map(canonical -> organizations.byDomain(canonical).map(found -> found == null ? Set.<GuestOrganization>of()
                        : Set.of(new GuestOrganization(found.id, found.state == ConnectedOrganizationState.configured))))
                .orElseGet(() -> Uni.createFrom().item(Set.of()));
    }
}
