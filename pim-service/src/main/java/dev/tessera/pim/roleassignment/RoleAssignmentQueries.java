package dev.tessera.pim.roleassignment;

import dev.tessera.pim.schedule.RoleSchedule;
import dev.tessera.pim.schedule.ScheduleKind;
import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The role assignments in force at a moment: active assignment schedules (permanent or time-bound,
 * assigned or activated) that have started, have not ended and whose end has not passed — by the
 * clock, so an activation leaves the list at its end even before its expiry timer has run.
 */
@ApplicationScoped
public class RoleAssignmentQueries {

    /** The $filter properties (Graph filters roleAssignments on these with eq, combined with and). */
    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .uuid("principalId", "principalId")
            .string("roleDefinitionId", "roleDefinitionId")
            .string("directoryScopeId", "directoryScopeId")
            .string("appScopeId", "appScopeId")
            .build();

    /**
     * A keyset page (one more than {@code top}, to tell whether another follows). {@code principals},
     * when given, are the only principals whose assignments are listed.
     */
    @WithSession
    public Uni<List<RoleSchedule>> page(Instant now, Optional<FilterExpr> filter, Optional<Set<UUID>> principals,
            UUID after, int top) {
        Keyset keyset = Keyset.where(filter, FIELDS).eq("kind", ScheduleKind.ASSIGNMENT).isNull("endedAt")
                .atMost("startAt", now).after("id", after);
        List<Object> params = new ArrayList<>(Arrays.asList(keyset.params()));
        params.add(now);
        StringBuilder where = new StringBuilder(keyset.where())
                .append(" and (endAt is null or endAt > ?").append(params.size()).append(')');
        if (principals.isPresent()) {
            params.add(List.copyOf(principals.get()));
            where.append(" and principalId in ?").append(params.size());
        }
        return RoleSchedule.<RoleSchedule>find(where + " order by id", params.toArray()).page(0, top + 1).list();
    }

    /** The assignment with this id if it is in force now. */
    @WithSession
    public Uni<Optional<RoleSchedule>> inForce(UUID id, Instant now) {
        return RoleSchedule.<RoleSchedule>findById(id).map(s -> Optional.ofNullable(s).filter(schedule ->
                ScheduleKind.ASSIGNMENT.equals(schedule.kind) && schedule.endedAt == null
                        && !schedule.startAt.isAfter(now) && (schedule.endAt == null || schedule.endAt.isAfter(now))));
    }
}
