package dev.tessera.provisioning.application;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class AppRoleRepository implements PanacheRepositoryBase<AppRole, AppRole.Key> {

    /** The roles of one service principal, in the order they were sent. */
    public Uni<List<AppRole>> of(UUID servicePrincipalId) {
        return list("key.servicePrincipalId = ?1 order by sortOrder", servicePrincipalId);
    }

    /** The roles of several service principals, by service principal id, each list in its order. */
    public Uni<Map<UUID, List<AppRole>>> of(Collection<UUID> servicePrincipalIds) {
        if (servicePrincipalIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("key.servicePrincipalId in ?1 order by key.servicePrincipalId, sortOrder",
                List.copyOf(servicePrincipalIds)).map(roles -> {
                    Map<UUID, List<AppRole>> byPrincipal = new LinkedHashMap<>();
                    for (AppRole role : roles) {
                        byPrincipal.computeIfAbsent(role.key.servicePrincipalId, id -> new java.util.ArrayList<>())
                                .add(role);
                    }
                    return byPrincipal;
                });
    }

    public Uni<AppRole> find(UUID servicePrincipalId, UUID roleId) {
        return findById(new AppRole.Key(servicePrincipalId, roleId));
    }
}
