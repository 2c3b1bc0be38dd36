package dev.tessera.catalog.connectedorganization;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class ConnectedOrganizationRepository implements PanacheRepositoryBase<ConnectedOrganization, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .string("description", "description")
            .enumeration("state", "state", ConnectedOrganizationState.class)
            .dateTime("createdDateTime", "createdAt")
            .dateTime("modifiedDateTime", "modifiedAt")
            .build();

    /** One keyset page in id order, one row more than asked so the caller knows if there is more. */
    public Uni<List<ConnectedOrganization>> page(Optional<FilterExpr> filter, UUID afterId, int top) {
        Keyset keyset = Keyset.where(filter, FIELDS).after("id", afterId);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    public Uni<Long> count(Optional<FilterExpr> filter) {
        Keyset keyset = Keyset.where(filter, FIELDS);
        return count(keyset.where(), keyset.params());
    }

    /**
     * The organizations of these ids that exist, share-locked until the transaction ends: a policy
     * naming them commits before any of them can be deleted (delete takes the row lock first).
     */
    public Uni<List<ConnectedOrganization>> lockExisting(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of())
                : find("id in ?1", List.copyOf(ids)).withLock(LockModeType.PESSIMISTIC_READ).list();
    }

    /** The organization, row-locked for a delete, or null. */
    public Uni<ConnectedOrganization> lockForDelete(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Long> countInState(ConnectedOrganizationState state) {
        return count("state", state);
    }

    /** The organization with a domain-based identity source for this (canonical) domain, or null. */
    public Uni<ConnectedOrganization> byDomain(String domain) {
        return find("id in (select s.organizationId from IdentitySourceRow s where s.domainName = ?1)", domain)
                .firstResult();
    }
}
