package dev.tessera.pim.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.Caller;
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
import java.util.function.Function;
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

    private Function<RoleSchedule, Object> shape() {
        return instances() ? PimJson.Instance::of : PimJson.Schedule::of;
    }

    @GET
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        boolean reader = caller.isPrivilegedRoleAdmin() || caller.isGlobalAdministrator();
        return page(uri, reader ? Optional.empty() : Optional.of(caller.objectId()));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        Matcher function = ScheduleRequestResource.FILTER_BY_CURRENT_USER.matcher(id);
        if (function.matches()) {
            String on = function.group(1).replace("'", "").trim();
            if (!on.equalsIgnoreCase("principal")) {
                throw GraphException.badRequest("filterByCurrentUser on '" + on + "' is not supported; use on='principal'.");
            }
            return page(uri, Optional.of(caller.objectId()));
        }
        UUID scheduleId = Ids.pathId(id, "a schedule");
        return RoleSchedule.<RoleSchedule>findById(scheduleId).map(schedule -> {
            boolean visible = schedule != null && schedule.kind.equals(kind()) && schedule.endedAt == null
                    && (!instances() || schedule.inForce(clock.instant()))
                    && (caller.isPrivilegedRoleAdmin() || schedule.principalId.equals(caller.objectId()));
            if (!visible) {
                throw GraphException.notFound("'" + id + "' was not found.");
            }
            return json.entity(uri, entitySet(), shape().apply(schedule));
        });
    }

    private Uni<ObjectNode> page(UriInfo uri, Optional<UUID> onlyFor) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        UUID after = options.skipToken().map(PageToken::decode).map(t -> Ids.parse(t, "$skiptoken")).orElse(null);
        return queries.schedules(kind(), instances(), clock.instant(), options.filter(), onlyFor, after, options.top())
                .map(rows -> {
                    boolean more = rows.size() > options.top();
                    List<RoleSchedule> page = more ? rows.subList(0, options.top()) : rows;
                    String next = more ? PageToken.encode(page.get(page.size() - 1).id.toString()) : null;
                    return json.collection(uri, entitySet(), page.stream().map(shape()).toList(), next,
                            options.select(), null);
                });
    }
}
