package dev.tessera.catalog.accesspackage;

import dev.tessera.catalog.connectedorganization.GuestOrganizations;
import dev.tessera.catalog.resource.Requestors;
import dev.tessera.platform.em.PolicyEvaluator;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.graph.RemoteErrors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which policies let the caller ask for themselves: self-add enabled, a scope open to them (people
 * outside the directory only under the scopes for people outside the organization) and a requestor
 * scope that admits them — the {@link PolicyEvaluator} rules request-service applies to the
 * request. The caller is looked up once, with their groups and guest organizations only when a
 * policy's scope needs them.
 */
@ApplicationScoped
public class SelfAddScope {

    @Inject
    Requestors requestors;

    @Inject
    GuestOrganizations guestOrganizations;

    /** The items whose policy ({@code policyOf}) admits the caller; none for a caller nobody knows. */
    public <T> Uni<List<T>> admitted(List<T> items, Function<T, PolicyView> policyOf, UUID caller,
            Optional<String> email) {
        List<T> selfAdd = items.stream().filter(item -> policyOf.apply(item).selfAddEnabled()).toList();
        if (selfAdd.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        boolean groups = selfAdd.stream().map(policyOf).anyMatch(PolicyEvaluator::needsGroupMemberships);
        boolean organizations = selfAdd.stream().map(policyOf).anyMatch(PolicyEvaluator::needsOrganizations);
        return requestors.findOrExternal(caller, email, groups)
                .onFailure().transform(e -> RemoteErrors.asGraphError(e, "directory", "user '" + caller + "'"))
                .chain(requestor -> requestor.map(r -> guestOrganizations.of(r, organizations).map(orgs -> selfAdd.stream()
                                .filter(item -> {
                                    PolicyView policy = policyOf.apply(item);
                                    return r.mayAskUnder(policy) && PolicyEvaluator.inRequestorScope(policy, r.id(),
                                            r.userType(), r.groupIds(), orgs);
                                })
                                .toList()))
                        .orElseGet(() -> Uni.createFrom().item(List.of())));
    }
}
