package dev.tessera.pim.roleassignment;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.pim.directory.Directory;
import dev.tessera.pim.schedule.RoleSchedule;
import dev.tessera.pim.schedule.RoleScheduleRequest;
import dev.tessera.pim.schedule.ScheduleRequestBody;
import dev.tessera.pim.schedule.ScheduleService;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.FilterExpr;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Graph's unifiedRoleAssignment over PIM's schedules: reading lists the active assignments in force
 * now; creating and deleting are PIM's {@code adminAssign} (permanent) and {@code adminRemove}, so
 * the same rules, events and timers apply (docs/pim.md, "roleAssignments").
 */
@ApplicationScoped
public class RoleAssignmentService {

    /** Directory Readers (Entra's template id): Graph lets it read role assignments. */
    static final String DIRECTORY_READERS = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";

    @Inject
    RoleAssignmentQueries queries;

    @Inject
    ScheduleService schedules;

    @Inject
    Directory directory;

    @Inject
    Caller caller;

    @Inject
    InstantSource clock;

    /**
     * Who reads every assignment: the roles Graph names for reading them (Global Administrator,
     * Privileged Role Administrator, Global Reader, Directory Readers) and applications (the
     * permission filter let them in with a read permission). Anyone else reads their own.
     */
    boolean readsAll() {
        return caller.isPrivilegedRoleAdmin() || caller.isAppOnly()
                || caller.hasDirectoryRole(DirectoryRoles.GLOBAL_READER) || caller.hasDirectoryRole(DIRECTORY_READERS);
    }

    /** A page of the assignments in force the caller may see (one more than {@code top}). */
    public Uni<List<RoleSchedule>> page(Optional<FilterExpr> filter, UUID after, int top) {
        Uni<Optional<Set<UUID>>> visible = readsAll() ? Uni.createFrom().item(Optional.empty())
                : mine().map(Optional::of);
        return visible.chain(principals -> queries.page(clock.instant(), filter, principals, after, top));
    }

    /** One assignment in force that the caller may see; Graph's 404 otherwise. */
    public Uni<RoleSchedule> get(String id) {
        UUID scheduleId = Ids.pathId(id, "a role assignment");
        return queries.inForce(scheduleId, clock.instant()).chain(found -> {
            RoleSchedule assignment = found.orElseThrow(() -> notFound(id));
            if (readsAll() || assignment.principalId.equals(caller.objectId())) {
                return Uni.createFrom().item(assignment);
            }
            return mine().map(principals -> {
                if (!principals.contains(assignment.principalId)) {
                    throw notFound(id);
                }
                return assignment;
            });
        });
    }

    /** POST: a permanent active assignment, made as adminAssign with noExpiration makes it. */
    public Uni<RoleScheduleRequest> create(RoleAssignmentBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        return schedules.submitForRoleAssignments(new ScheduleRequestBody("adminAssign", body.principalId(),
                body.roleDefinitionId(), body.directoryScopeId(), body.appScopeId(), null,
                new ScheduleRequestBody.ScheduleInfo(null, new ScheduleRequestBody.Expiration("noExpiration", null, null)),
                null, false), who());
    }

    /** DELETE: ends the assignment as adminRemove ends it. */
    public Uni<Void> delete(String id) {
        if (!caller.isPrivilegedRoleAdmin()) {
            // before looking: whether an id exists is not for those who may not delete it
            throw GraphException.forbidden("Only a Privileged Role Administrator or Global Administrator may delete "
                    + "a role assignment.");
        }
        UUID scheduleId = Ids.pathId(id, "a role assignment");
        return queries.inForce(scheduleId, clock.instant()).chain(found -> {
            RoleSchedule assignment = found.orElseThrow(() -> notFound(id));
            return schedules.submitForRoleAssignments(new ScheduleRequestBody("adminRemove",
                    assignment.principalId.toString(), assignment.roleDefinitionId, assignment.directoryScopeId,
                    assignment.appScopeId, null, null, null, false), who());
        }).replaceWithVoid();
    }

    private ScheduleService.Caller who() {
        return new ScheduleService.Caller(caller.objectId(), caller.isPrivilegedRoleAdmin(), caller.hasMfa());
    }

    /** The caller and the groups they are a member of (the directory, asked with the service token). */
    private Uni<Set<UUID>> mine() {
        return dev.tessera.pim.directory.Principals.selfAndGroups(directory, caller.objectId());
    }

    private static GraphException notFound(String id) {
        return GraphException.notFound("Role assignment '" + id + "' was not found.");
    }
}
