package dev.tessera.pim.schedule;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Keyset pages of requests, schedules and instances, with the documented $filter fields. */
@ApplicationScoped
public class ScheduleQueries {

    static final FieldMap REQUEST_FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .uuid("principalId", "principalId")
            .string("roleDefinitionId", "roleDefinitionId")
            .string("directoryScopeId", "directoryScopeId")
            .string("appScopeId", "appScopeId")
            .string("status", "status")
            .string("action", "action")
            .uuid("targetScheduleId", "targetScheduleId")
            .build();

    static final FieldMap SCHEDULE_FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .uuid("principalId", "principalId")
            .string("roleDefinitionId", "roleDefinitionId")
            .string("directoryScopeId", "directoryScopeId")
            .string("appScopeId", "appScopeId")
            .string("status", "status")
            .string("assignmentType", "assignmentType")
            .string("memberType", "memberType")
            .build();

    /** {@code onlyFor}: a caller who is no administrator sees only what concerns them. */
    @WithSession
    public Uni<List<RoleScheduleRequest>> requests(String kind, Optional<FilterExpr> filter, Optional<UUID> onlyFor,
            UUID after, int top) {
        Keyset keyset = Keyset.where(filter, REQUEST_FIELDS).eq("kind", kind);
        onlyFor.ifPresent(me -> keyset.eitherEq("principalId", "createdBy", me));
        keyset.after("id", after);
        return RoleScheduleRequest.<RoleScheduleRequest>find(keyset.query("id"), keyset.params())
                .page(0, top + 1).list();
    }

    /** Schedules not ended; instances only those in force now. */
    @WithSession
    public Uni<List<RoleSchedule>> schedules(String kind, boolean instances, Instant now, Optional<FilterExpr> filter,
            Optional<UUID> onlyFor, UUID after, int top) {
        Keyset keyset = Keyset.where(filter, SCHEDULE_FIELDS).eq("kind", kind).isNull("endedAt");
        if (instances) {
            keyset.atMost("startAt", now);
        }
        onlyFor.ifPresent(me -> keyset.eq("principalId", me));
        keyset.after("id", after);
        return RoleSchedule.<RoleSchedule>find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }
}
