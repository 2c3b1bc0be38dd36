package dev.tessera.catalog.policy;

import dev.tessera.catalog.connectedorganization.ConnectedOrganizationRepository;
import dev.tessera.catalog.connectedorganization.ConnectedOrganizationState;
import dev.tessera.platform.graph.GraphException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The rules of a policy that need the connected organizations: every organization it names exists,
 * and {@code allConfiguredConnectedOrganizationUsers} has at least one configured organization to
 * mean. Runs inside the policy's write transaction; the named organizations stay share-locked
 * until it commits, so none of them is deleted under the policy.
 */
@ApplicationScoped
class PolicyOrganizations {

    @Inject
    ConnectedOrganizationRepository organizations;

    Uni<Void> check(PolicySettings settings) {
        Map<UUID, String> named = SubjectSetRules.connectedOrganizations(settings);
        Uni<Void> exist = organizations.lockExisting(named.keySet()).invoke(found -> {
            Set<UUID> existing = found.stream().map(o -> o.id).collect(Collectors.toSet());
            named.forEach((id, field) -> {
                if (!existing.contains(id)) {
                    throw GraphException.invalidField(field, "Connected organization '" + id + "' was not found.");
                }
            });
        }).replaceWithVoid();
        if (settings.allowedTargetScope() != AllowedTargetScope.allConfiguredConnectedOrganizationUsers) {
            return exist;
        }
        return exist.chain(() -> organizations.countInState(ConnectedOrganizationState.configured)).invoke(count -> {
            if (count == 0) {
                throw GraphException.invalidField("allowedTargetScope", "allowedTargetScope "
                        + "'allConfiguredConnectedOrganizationUsers' needs at least one connected organization in "
                        + "state 'configured'; there is none. Create one, or set a proposed one to configured.");
            }
        }).replaceWithVoid();
    }
}
