package dev.tessera.catalog.accesspackage;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class ResourceRoleScopeRepository implements PanacheRepositoryBase<ResourceRoleScope, ResourceRoleScope.Key> {

    public Uni<List<ResourceRoleScope>> ofPackage(UUID accessPackageId) {
        return list("key.accessPackageId = ?1 order by createdAt, key.id", accessPackageId);
    }

    public Uni<List<ResourceRoleScope>> ofPackages(List<UUID> accessPackageIds) {
        return accessPackageIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("key.accessPackageId in ?1 order by createdAt, key.id", accessPackageIds);
    }

    public Uni<ResourceRoleScope> find(UUID accessPackageId, String graphId) {
        return findById(new ResourceRoleScope.Key(accessPackageId, graphId));
    }

    /** How many role scopes of any package use a role of this catalog resource. */
    public Uni<Long> countUsingResource(UUID resourceId) {
        return count("roleId in (select r.id from ResourceRole r where r.resourceId = ?1)", resourceId);
    }
}
