package dev.tessera.pim.schedule;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
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

    /**
     * {@code onlyFor}: a caller who is no administrator sees only what concerns them (as principal
     * or creator); {@code on} ({@code principal} / {@code createdBy}, filterByCurrentUser) narrows
     * that to one of the two — in the query, so pages hold what the caller sees.
     */
    @WithSession
    public Uni<List<RoleScheduleRequest>> requests(String kind, Optional<FilterExpr> filter, Optional<UUID> onlyFor,
            String on, UUID after, int top) {
        Keyset keyset = Keyset.where(filter, REQUEST_FIELDS).eq("kind", kind);
        onlyFor.ifPresent(me -> {
            if ("principal".equalsIgnoreCase(on)) {
                keyset.eq("principalId", me);
            } else if ("createdBy".equalsIgnoreCase(on)) {
                keyset.eq("createdBy", me);
            } else {
                keyset.eitherEq("principalId", "createdBy", me);
            }
        });
        keyset.after("id", after);
        return RoleScheduleRequest.<RoleScheduleRequest>find(keyset.query("id"), keyset.params())
                .page(0, top + 1).list();
    }

    /**
     * Schedules not ended; instances only those in force now. {@code principals}, when given, are
     * the only principals whose schedules are listed (a user and the groups they are a member of).
     */
    @WithSession
    public Uni<List<RoleSchedule>> schedules(String kind, boolean instances, Instant now, Optional<FilterExpr> filter,
            Optional<Set<UUID>> principals, UUID after, int top) {
        Keyset keyset = Keyset.where(filter, SCHEDULE_FIELDS).eq("kind", kind).isNull("endedAt");
        if (instances) {
            keyset.atMost("startAt", now);
        }
        keyset.after("id", after);
        if (principals.isEmpty()) {
            return RoleSchedule.<RoleSchedule>find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
        }
        Object[] keysetParams = keyset.params();
        Object[] params = Arrays.copyOf(keysetParams, keysetParams.length + 1);
        params[keysetParams.length] = List.copyOf(principals.get());
        return RoleSchedule.<RoleSchedule>find(keyset.where() + " and principalId in ?" + params.length + " order by id",
                params).page(0, top + 1).list();
    }

    /** Schedules by id, ended or not (what activations were activated with). */
    @WithSession
    public Uni<List<RoleSchedule>> byIds(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of())
                : RoleSchedule.<RoleSchedule>list("id in ?1", List.copyOf(ids));
    }
}
