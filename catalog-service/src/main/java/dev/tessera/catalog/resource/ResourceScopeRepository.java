package dev.tessera.catalog.resource;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class ResourceScopeRepository implements PanacheRepositoryBase<ResourceScope, UUID> {

    public Uni<List<ResourceScope>> ofResources(List<UUID> resourceIds) {
        return resourceIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("resourceId in ?1 order by rootScope desc, displayName, id", resourceIds);
    }

    public Uni<List<ResourceScope>> byIds(List<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    public Uni<List<ResourceScope>> byOrigin(UUID resourceId, String originId) {
        return list("resourceId = ?1 and originId = ?2", resourceId, originId);
    }

    public Uni<ResourceScope> rootOf(UUID resourceId) {
        return find("resourceId = ?1 and rootScope = true", resourceId).firstResult();
    }

    public Uni<Long> deleteOfResource(UUID resourceId) {
        return delete("resourceId", resourceId);
    }
}
