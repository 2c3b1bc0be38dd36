package dev.tessera.provisioning.application;

import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.provisioning.DirectoryAccess;
import dev.tessera.provisioning.DirectoryReader;
import dev.tessera.provisioning.Principal;
import dev.tessera.provisioning.Principals;
import dev.tessera.provisioning.UniqueViolations;
import dev.tessera.provisioning.group.GroupRepository;
import dev.tessera.provisioning.user.UserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Users and groups holding app roles ({@code appRoleAssignedTo} of a service principal,
 * {@code appRoleAssignments} of a user or group).
 */
@ApplicationScoped
public class AppRoleAssignmentService {

    static final String UNIQUE_INDEX = "app_role_assignment_unique";

    @Inject
    ServicePrincipalRepository principals;

    @Inject
    AppRoleRepository roles;

    @Inject
    AppRoleAssignmentRepository assignments;

    @Inject
    Principals directory;

    @Inject
    UserRepository users;

    @Inject
    GroupRepository groups;

    @Inject
    AppRoleAssignmentEvents events;

    @Inject
    DirectoryAccess access;

    @Inject
    InstantSource clock;

    @WithTransaction
    public Uni<AppRoleAssignmentView> assign(String servicePrincipalId, AppRoleAssignmentBody body) {
        access.requireMayAssignAppRoles(servicePrincipalId);
        UUID resourceId = Ids.pathId(servicePrincipalId, "servicePrincipal");
        if (body == null) {
            throw GraphException.badRequest("An appRoleAssignment body is required.");
        }
        UUID principalId = Ids.parse(body.principalId(), "principalId");
        UUID bodyResourceId = Ids.parse(body.resourceId(), "resourceId");
        UUID appRoleId = Ids.parse(body.appRoleId(), "appRoleId");
        if (!bodyResourceId.equals(resourceId)) {
            throw GraphException.invalidField("resourceId", "Property 'resourceId' must be the id of the service "
                    + "principal in the path ('" + resourceId + "'), not '" + bodyResourceId + "'.");
        }
        // The lock keeps the app roles as checked here until this assignment is committed.
        return principals.findForUpdate(resourceId)
                .onItem().ifNull().failWith(() -> DirectoryAccess.notFound(servicePrincipalId))
                .chain(resource -> roles.of(resource.id).chain(published -> directory.find(principalId)
                        .chain(principal -> {
                            if (principal == null) {
                                throw new GraphException(404, "itemNotFound", "Resource '" + principalId
                                        + "' does not exist or one of its queried reference-property objects are "
                                        + "not present.", "principalId");
                            }
                            AppRoleAssignmentRules.checkRole(appRoleId, published, resource.id);
                            return assignments.exists(resource.id, appRoleId, principalId).chain(exists -> {
                                if (exists) {
                                    throw alreadyAssigned();
                                }
                                AppRoleAssignment assignment = AppRoleAssignment.of(resource.id, appRoleId,
                                        principal, clock.instant());
                                return assignments.persistAndFlush(assignment)
                                        .onFailure(failure -> UniqueViolations.of(failure, UNIQUE_INDEX))
                                        .transform(failure -> alreadyAssigned())
                                        .chain(() -> events.added(assignment))
                                        .replaceWith(new AppRoleAssignmentView(assignment, principal.displayName(),
                                                resource.displayName));
                            });
                        })));
    }

    @WithTransaction
    public Uni<Void> unassign(String servicePrincipalId, String assignmentId) {
        access.requireMayAssignAppRoles(servicePrincipalId);
        UUID resourceId = Ids.pathId(servicePrincipalId, "servicePrincipal");
        UUID id = Ids.pathId(assignmentId, "appRoleAssignment");
        return principals.findForUpdate(resourceId)
                .onItem().ifNull().failWith(() -> DirectoryAccess.notFound(servicePrincipalId))
                .chain(resource -> assignments.findById(id).chain(assignment -> {
                    if (assignment == null || !assignment.resourceId.equals(resource.id)) {
                        throw DirectoryAccess.notFound(assignmentId);
                    }
                    return Deletes.one(assignments.delete("id", assignment.id),
                                    () -> DirectoryAccess.notFound(assignmentId))
                            .chain(() -> events.removed(List.of(assignment)));
                }));
    }

    /** {@code servicePrincipals/{id}/appRoleAssignedTo}: who holds the roles of this service principal. */
    @WithSession
    public Uni<List<AppRoleAssignmentView>> assignedTo(String servicePrincipalId, Optional<FilterExpr> filter,
            UUID after, int top) {
        UUID resourceId = Ids.pathId(servicePrincipalId, "servicePrincipal");
        return access.reader().invoke(DirectoryReader::requireMember).chain(() -> principals.findById(resourceId))
                .onItem().ifNull().failWith(() -> DirectoryAccess.notFound(servicePrincipalId))
                .chain(resource -> assignments.page("resourceId", resource.id, filter, after, top)
                        .chain(rows -> directory.displayNames(rows.stream().map(a -> a.principalId).toList())
                                .map(names -> rows.stream().map(a -> new AppRoleAssignmentView(a,
                                        names.get(a.principalId), resource.displayName)).toList())));
    }

    /** {@code users/{id}/appRoleAssignments}: the app roles a user holds directly. */
    @WithSession
    public Uni<List<AppRoleAssignmentView>> ofUser(String userIdOrUpn, Optional<FilterExpr> filter, UUID after,
            int top) {
        return access.reader().chain(reader -> users.findByIdOrUpn(userIdOrUpn).invoke(user ->
                        reader.requireMayReadUser(user == null ? null : user.id)))
                .onItem().ifNull().failWith(() -> DirectoryAccess.notFound(userIdOrUpn))
                .chain(user -> held(new Principal(user.id, Principal.Type.User, user.displayName), filter, after,
                        top));
    }

    /** {@code groups/{id}/appRoleAssignments}: the app roles a group holds. */
    @WithSession
    public Uni<List<AppRoleAssignmentView>> ofGroup(String groupId, Optional<FilterExpr> filter, UUID after,
            int top) {
        UUID id = Ids.pathId(groupId, "group");
        return access.reader().invoke(DirectoryReader::requireMember).chain(() -> groups.findById(id))
                .onItem().ifNull().failWith(() -> DirectoryAccess.notFound(groupId))
                .chain(group -> held(new Principal(group.id, Principal.Type.Group, group.displayName), filter,
                        after, top));
    }

    private Uni<List<AppRoleAssignmentView>> held(Principal principal, Optional<FilterExpr> filter, UUID after,
            int top) {
        return assignments.page("principalId", principal.id(), filter, after, top).chain(rows -> {
            Set<UUID> resourceIds = rows.stream().map(a -> a.resourceId).collect(Collectors.toSet());
            Uni<Map<UUID, String>> names = resourceIds.isEmpty() ? Uni.createFrom().item(Map.of())
                    : principals.list("id in ?1", List.copyOf(resourceIds)).map(found -> found.stream()
                            .collect(Collectors.toMap(p -> p.id, p -> p.displayName, (a, b) -> a)));
            return names.map(byId -> rows.stream().map(a -> new AppRoleAssignmentView(a, principal.displayName(),
                    byId.get(a.resourceId))).toList());
        });
    }

    private static GraphException alreadyAssigned() {
        return GraphException.conflict("Request_BadRequest",
                "Permission being assigned already exists on the object.");
    }
}
