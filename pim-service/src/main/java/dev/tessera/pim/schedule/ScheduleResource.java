package dev.tessera.pim.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.pim.directory.Directory;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.Expandable;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.PageToken;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;

/** Schedules (current and future) and instances (in force now) of one kind. */
@Authenticated
public abstract class ScheduleResource {

    @Inject
    ScheduleQueries queries;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @Inject
    InstantSource clock;

    protected abstract String kind();

    protected abstract boolean instances();

    protected abstract String entitySet();

    @Inject
    Directory directory;

    /** Graph JSON of a schedule; from the caller's side, a group's schedule is theirs through the group. */
    private Object shape(RoleSchedule schedule, boolean callersSide) {
        UUID me = caller.objectId();
        boolean inherited = callersSide && !schedule.principalId.equals(me);
        if (instances()) {
            return inherited ? PimJson.Instance.inherited(schedule, me) : PimJson.Instance.of(schedule);
        }
        return inherited ? PimJson.Schedule.inherited(schedule, me) : PimJson.Schedule.of(schedule);
    }

    @GET
    @Expandable(type = "unifiedRoleAssignmentSchedule", value = {"activatedUsing"})
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        boolean reader = caller.isPrivilegedRoleAdmin() || caller.isGlobalAdministrator();
        return reader ? page(uri, Optional.empty()) : mine().chain(principals -> page(uri, Optional.of(principals)));
    }

    @GET
    @Path("{id}")
    @WithSession
    @Expandable(type = "unifiedRoleAssignmentSchedule", value = {"activatedUsing"})
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        Matcher function = ScheduleRequestResource.FILTER_BY_CURRENT_USER.matcher(id);
        if (function.matches()) {
            String on = function.group(1).replace("'", "").trim();
            if (!on.equalsIgnoreCase("principal")) {
                throw GraphException.badRequest("filterByCurrentUser on '" + on + "' is not supported; use on='principal'.");
            }
            return mine().chain(principals -> page(uri, Optional.of(principals)));
        }
        UUID scheduleId = Ids.pathId(id, "a schedule");
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return RoleSchedule.<RoleSchedule>findById(scheduleId).chain(schedule -> {
            boolean exists = schedule != null && schedule.kind.equals(kind()) && schedule.endedAt == null
                    && (!instances() || schedule.inForce(clock.instant()));
            if (!exists) {
                throw GraphException.notFound("'" + id + "' was not found.");
            }
            boolean reader = caller.isPrivilegedRoleAdmin() || caller.isGlobalAdministrator();
            if (reader || schedule.principalId.equals(caller.objectId())) {
                return withActivatedUsing(List.of(schedule), options, false)
                        .map(nodes -> json.entity(uri, entitySet(), nodes.get(0), options.select()));
            }
            // a group's schedule is visible to the group's members (as in the lists), as theirs
            return mine().chain(principals -> {
                if (!principals.contains(schedule.principalId)) {
                    throw GraphException.notFound("'" + id + "' was not found.");
                }
                return withActivatedUsing(List.of(schedule), options, true)
                        .map(nodes -> json.entity(uri, entitySet(), nodes.get(0), options.select()));
            });
        });
    }

    /** The caller and the groups they are a member of (the directory, asked with the service token). */
    private Uni<Set<UUID>> mine() {
        return dev.tessera.pim.directory.Principals.selfAndGroups(directory, caller.objectId());
    }

    private Uni<ObjectNode> page(UriInfo uri, Optional<Set<UUID>> principals) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        UUID after = options.skipToken().map(PageToken::decode).map(t -> Ids.parse(t, "$skiptoken")).orElse(null);
        return queries.schedules(kind(), instances(), clock.instant(), options.filter(), principals, after, options.top())
                .chain(rows -> {
                    boolean more = rows.size() > options.top();
                    List<RoleSchedule> page = more ? rows.subList(0, options.top()) : rows;
                    String next = more ? PageToken.encode(page.get(page.size() - 1).id.toString()) : null;
                    return withActivatedUsing(page, options, principals.isPresent()).map(nodes -> json.collection(uri, entitySet(), nodes, next,
                            options.select(), null));
                });
    }

    /**
     * Graph JSON of the schedules; with {@code $expand=activatedUsing} an activation carries the
     * eligibility it was activated with (a group's, for memberType Group).
     */
    private Uni<List<ObjectNode>> withActivatedUsing(List<RoleSchedule> schedules, QueryOptions options,
            boolean callersSide) {
        List<ObjectNode> nodes = schedules.stream().map(s -> json.tree(shape(s, callersSide))).toList();
        if (options.expands("activatedUsing").isEmpty() || !ScheduleKind.ASSIGNMENT.equals(kind())) {
            return Uni.createFrom().item(nodes);
        }
        Set<UUID> ids = new HashSet<>();
        schedules.forEach(s -> {
            if (s.activatedUsing != null) {
                ids.add(s.activatedUsing);
            }
        });
        return queries.byIds(ids).map(eligibilities -> {
            for (int i = 0; i < schedules.size(); i++) {
                UUID used = schedules.get(i).activatedUsing;
                RoleSchedule eligibility = eligibilities.stream().filter(e -> e.id.equals(used)).findFirst().orElse(null);
                nodes.get(i).set("activatedUsing", eligibility == null ? json.mapper().nullNode()
                        : json.tree(instances() ? PimJson.Instance.of(eligibility) : PimJson.Schedule.of(eligibility)));
            }
            return nodes;
        });
    }
}
