package dev.tessera.provisioning.adminunit;

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
public class AdministrativeUnitMemberRepository
        implements PanacheRepositoryBase<AdministrativeUnitMember, AdministrativeUnitMember.Key> {

    /** The members of a unit, keyset-paged by member id (top + 1 rows). */
    public Uni<List<AdministrativeUnitMember>> page(UUID unitId, UUID after, int top) {
        Keyset keyset = Keyset.where(Optional.empty(), null).eq("key.unitId", unitId).after("key.memberId", after);
        return find(keyset.query("key.memberId"), keyset.params()).page(0, top + 1).list();
    }

    /** Whether the object (user or group) is a direct member of one of these units. */
    public Uni<Boolean> isMemberOfAny(java.util.Collection<UUID> unitIds, UUID memberId) {
        if (unitIds.isEmpty() || memberId == null) {
            return Uni.createFrom().item(false);
        }
        return count("key.unitId in ?1 and key.memberId = ?2", List.copyOf(unitIds), memberId).map(n -> n > 0);
    }
}
