package dev.tessera.catalog.connectedorganization;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class IdentitySourceRepository implements PanacheRepositoryBase<IdentitySourceRow, UUID> {

    public Uni<List<IdentitySourceRow>> ofOrganizations(List<UUID> organizationIds) {
        return organizationIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("organizationId in ?1 order by organizationId, position", organizationIds);
    }

    /** Sources of any organization that already name one of these domains or tenants. */
    public Uni<List<IdentitySourceRow>> claiming(List<String> domains, List<UUID> tenantIds) {
        // An empty IN list is not valid SQL; a value no row has stands in for "none".
        List<String> d = domains.isEmpty() ? List.of("") : domains;
        List<UUID> t = tenantIds.isEmpty() ? List.of(new UUID(0, 0)) : tenantIds;
        return list("domainName in ?1 or tenantId in ?2 order by organizationId, position", d, t);
    }
}
