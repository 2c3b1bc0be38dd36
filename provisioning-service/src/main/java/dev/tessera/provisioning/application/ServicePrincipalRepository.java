package dev.tessera.provisioning.application;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class ServicePrincipalRepository implements PanacheRepositoryBase<ServicePrincipal, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("appId", "appId")
            .string("displayName", "displayName")
            .string("description", "description")
            .bool("accountEnabled", "accountEnabled")
            .build();

    /**
     * The service principal, its row locked until the transaction ends: writes to its app roles and
     * to the assignments of those roles take this lock, so a role cannot be removed while someone
     * is being assigned to it.
     */
    public Uni<ServicePrincipal> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Boolean> appIdTaken(String appId) {
        return count("appId", appId).map(n -> n > 0);
    }

    /** One keyset page, ordered by id: top + 1 rows, so the caller knows whether there is more. */
    public Uni<List<ServicePrincipal>> page(Optional<FilterExpr> filter, UUID after, int top) {
        Keyset keyset = Keyset.where(filter, FIELDS).after("id", after);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    public Uni<Long> count(Optional<FilterExpr> filter) {
        Keyset keyset = Keyset.where(filter, FIELDS);
        return count(keyset.where(), keyset.params());
    }
}
