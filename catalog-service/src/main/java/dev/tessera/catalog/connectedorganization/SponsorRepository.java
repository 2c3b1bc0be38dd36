package dev.tessera.catalog.connectedorganization;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class SponsorRepository implements PanacheRepositoryBase<Sponsor, Sponsor.Key> {

    static final FieldMap FIELDS = FieldMap.builder().uuid("id", "key.userId").build();

    /** One keyset page of one sponsor list in user-id order, one row more than asked. */
    public Uni<List<Sponsor>> page(UUID organizationId, SponsorType type, Optional<FilterExpr> filter, UUID afterUser,
            int top) {
        Keyset keyset = Keyset.where(filter, FIELDS).eq("key.organizationId", organizationId)
                .eq("key.sponsorType", type.name()).after("key.userId", afterUser);
        return find(keyset.query("key.userId"), keyset.params()).page(0, top + 1).list();
    }

    /** Every sponsor of one list, in user-id order (a list stays small: people, not a directory). */
    public Uni<List<UUID>> all(UUID organizationId, SponsorType type) {
        return find("key.organizationId = ?1 and key.sponsorType = ?2 order by key.userId", organizationId, type.name())
                .list().map(rows -> rows.stream().map(s -> s.key.userId()).toList());
    }

    public Uni<Sponsor> find(UUID organizationId, SponsorType type, UUID userId) {
        return findById(new Sponsor.Key(organizationId, type.name(), userId));
    }
}
