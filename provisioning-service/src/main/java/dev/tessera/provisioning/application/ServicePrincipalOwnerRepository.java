package dev.tessera.provisioning.application;

import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.provisioning.user.DirectoryUser;
import dev.tessera.provisioning.user.UserRepository;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class ServicePrincipalOwnerRepository
        implements PanacheRepositoryBase<ServicePrincipalOwner, ServicePrincipalOwner.Key> {

    @Inject
    UserRepository directoryUsers;

    /** The users owning a service principal, keyset-paged by id (top + 1 rows). */
    public Uni<List<DirectoryUser>> users(UUID servicePrincipalId, Optional<FilterExpr> filter, UUID after,
            int top) {
        return directoryUsers.pageAmong(
                "select o.key.userId from ServicePrincipalOwner o where o.key.servicePrincipalId = ?1",
                List.of(servicePrincipalId), filter, after, top);
    }
}
