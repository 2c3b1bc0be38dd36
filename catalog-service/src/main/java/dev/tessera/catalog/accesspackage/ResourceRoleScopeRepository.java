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

    /**
     * For each scope row of the package, in {@link #ofPackage} order: role id, display name, origin id, origin
     * system, resource id, the resource's origin id and the scope's origin id (null when that row is gone).
     */
    public Uni<List<Object[]>> refsOfPackage(UUID accessPackageId) {
        return getSession().chain(session -> session.createQuery("select r.id, r.displayName, r.originId, r.originSystem, "
                + "r.resourceId, res.originId, s.originId from ResourceRoleScope x "
                + "join ResourceRole r on r.id = x.roleId "
                + "left join ResourceScope s on s.id = x.scopeId "
                + "left join CatalogResource res on res.id = r.resourceId "
                + "where x.key.accessPackageId = ?1 order by x.createdAt, x.key.id", Object[].class)
                .setParameter(1, accessPackageId).getResultList());
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
