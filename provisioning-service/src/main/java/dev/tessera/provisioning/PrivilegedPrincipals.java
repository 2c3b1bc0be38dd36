package dev.tessera.provisioning;

import dev.tessera.platform.messaging.events.PimScheduleChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.Set;
import java.util.UUID;

/**
 * Which users Entra protects as privileged: members of a role-assignable group, and principals who
 * hold or are eligible for a directory role. The latter is a local view of pim-service's schedules,
 * kept from its {@code scheduleChanged} events, so no request waits for pim-service.
 */
@ApplicationScoped
public class PrivilegedPrincipals {

    /** Changes after which the schedule is live (a future one too: it is already granted). */
    private static final Set<String> LIVE = Set.of("created", "started", "updated");

    /** Changes that end a schedule for good. */
    private static final Set<String> ENDED = Set.of("removed", "expired");

    private static final String UPSERT = "insert into pim_role_schedule "
            + "(schedule_id, principal_id, role_definition_id, kind, ended, changed_at) "
            + "values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (schedule_id) do update set "
            + "principal_id = excluded.principal_id, role_definition_id = excluded.role_definition_id, "
            + "kind = excluded.kind, ended = excluded.ended, changed_at = excluded.changed_at "
            // An ended schedule stays ended: a replayed or late 'created' cannot revive it.
            + "where not pim_role_schedule.ended";

    private static final String PRIVILEGED = "select (exists (select 1 from pim_role_schedule "
            + "where principal_id = ?1 and not ended) or exists (select 1 from group_membership m "
            + "join directory_group g on g.id = m.group_id where m.member_id = ?1 and m.relationship = 'member' "
            + "and g.is_assignable_to_role))";

    @Inject
    InstantSource clock;

    /**
     * Records a schedule change; applying the same change twice, or an older one after the schedule
     * ended, changes nothing. Runs in the consumer's transaction.
     */
    public Uni<Void> scheduleChanged(PimScheduleChanged change) {
        boolean ended = ENDED.contains(change.change());
        if (!ended && !LIVE.contains(change.change())) {
            return Uni.createFrom().voidItem();
        }
        if (change.scheduleId() == null || change.principalId() == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter(1, change.scheduleId())
                .setParameter(2, change.principalId())
                .setParameter(3, String.valueOf(change.roleDefinitionId()))
                .setParameter(4, String.valueOf(change.kind()))
                .setParameter(5, ended)
                .setParameter(6, clock.instant())
                .executeUpdate()).replaceWithVoid();
    }

    /** Whether this user is protected: only a Global or Privileged Role Administrator may change them. */
    @WithSession
    public Uni<Boolean> isPrivileged(UUID userId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PRIVILEGED, Boolean.class)
                .setParameter(1, userId)
                .getSingleResult());
    }
}
