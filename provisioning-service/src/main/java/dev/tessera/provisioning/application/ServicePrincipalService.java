package dev.tessera.provisioning.application;

import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.provisioning.DirectoryAccess;
import dev.tessera.provisioning.DirectoryReader;
import dev.tessera.provisioning.UniqueViolations;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Service principals and their app roles: administrators write them, members of the directory read
 * them ({@link DirectoryAccess}).
 */
@ApplicationScoped
public class ServicePrincipalService {

    static final String APP_ID_INDEX = "service_principal_app_id_unique";

    @Inject
    ServicePrincipalRepository principals;

    @Inject
    AppRoleRepository roles;

    @Inject
    AppRoleAssignmentRepository assignments;

    @Inject
    AppRoleAssignmentEvents events;

    @Inject
    DirectoryAccess access;

    @Inject
    InstantSource clock;

    @WithTransaction
    public Uni<ServicePrincipalView> create(ServicePrincipalBody body) {
        access.requireMayManageApplications();
        ServicePrincipalRules.validateCreate(body);
        List<AppRoleSpec> specs = AppRoleRules.validate(body.appRoles());
        ServicePrincipal principal = ServicePrincipalRules.create(body, UUID.randomUUID(), clock.instant());
        return principals.appIdTaken(principal.appId)
                .chain(taken -> {
                    if (taken) {
                        throw appIdTaken(principal.appId);
                    }
                    return principals.persistAndFlush(principal);
                })
                .chain(() -> insertRoles(principal.id, specs))
                .onFailure(failure -> UniqueViolations.of(failure, APP_ID_INDEX))
                .transform(failure -> appIdTaken(principal.appId))
                .map(saved -> new ServicePrincipalView(principal, saved));
    }

    /**
     * Changes the properties sent. {@code appRoles} is the complete new list: roles left out are
     * removed, which is refused for a role someone holds (disable it with {@code isEnabled: false}).
     */
    @WithTransaction
    public Uni<Void> update(String id, ServicePrincipalBody body) {
        access.requireMayManageApplication(id);
        UUID principalId = Ids.pathId(id, "servicePrincipal");
        return principals.findForUpdate(principalId).onItem().ifNull().failWith(() -> DirectoryAccess.notFound(id))
                .chain(principal -> {
                    ServicePrincipalRules.validatePatch(body, principal);
                    if (!body.has("appRoles")) {
                        ServicePrincipalRules.apply(body, principal);
                        return Uni.createFrom().voidItem();
                    }
                    List<AppRoleSpec> specs = AppRoleRules.validate(body.appRoles());
                    return roles.of(principal.id).chain(current -> {
                        List<AppRole> removed = ServicePrincipalRules.removed(current, specs);
                        return assignments.rolesInUse(principal.id, removed.stream().map(AppRole::id).toList())
                                .chain(inUse -> {
                                    if (!inUse.isEmpty()) {
                                        throw rolesInUse(removed, inUse);
                                    }
                                    ServicePrincipalRules.apply(body, principal);
                                    return replaceRoles(principal.id, current, specs);
                                });
                    });
                });
    }

    /** Deleting a service principal deletes its app roles and every assignment of them. */
    @WithTransaction
    public Uni<Void> delete(String id) {
        access.requireMayManageApplication(id);
        UUID principalId = Ids.pathId(id, "servicePrincipal");
        return principals.findForUpdate(principalId).onItem().ifNull().failWith(() -> DirectoryAccess.notFound(id))
                .chain(principal -> assignments.ofResource(principal.id)
                        .chain(held -> events.removed(held))
                        .chain(() -> Deletes.one(principals.delete("id", principal.id),
                                () -> DirectoryAccess.notFound(id))));
    }

    @WithSession
    public Uni<ServicePrincipalView> get(String id) {
        return requireReader().chain(() -> require(id)).chain(principal -> roles.of(principal.id)
                .map(list -> new ServicePrincipalView(principal, list)));
    }

    @WithSession
    public Uni<List<ServicePrincipalView>> page(Optional<FilterExpr> filter, UUID after, int top) {
        return requireReader().chain(() -> principals.page(filter, after, top))
                .chain(rows -> roles.of(rows.stream().map(p -> p.id).toList())
                        .map(byPrincipal -> rows.stream()
                                .map(p -> new ServicePrincipalView(p, byPrincipal.getOrDefault(p.id, List.of())))
                                .toList()));
    }

    @WithSession
    public Uni<Long> count(Optional<FilterExpr> filter) {
        return requireReader().chain(() -> principals.count(filter));
    }

    /** Members and readers read applications; guests and callers outside the directory do not. */
    Uni<Void> requireReader() {
        return access.reader().invoke(DirectoryReader::requireMember).replaceWithVoid();
    }

    Uni<ServicePrincipal> require(String id) {
        UUID principalId = Ids.pathId(id, "servicePrincipal");
        return principals.findById(principalId).onItem().ifNull().failWith(() -> DirectoryAccess.notFound(id));
    }

    private Uni<List<AppRole>> insertRoles(UUID principalId, List<AppRoleSpec> specs) {
        List<AppRole> rows = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            rows.add(specs.get(i).toEntity(principalId, i));
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().item(rows);
        }
        return roles.persist(rows).chain(() -> roles.flush()).replaceWith(rows);
    }

    /**
     * Deletes the old rows and inserts the new list. Not updated in place: two roles swapping their
     * values would trip the unique index on the way. Assignments name roles by id, so a role kept
     * in the list keeps its assignments.
     */
    private Uni<Void> replaceRoles(UUID principalId, List<AppRole> current, List<AppRoleSpec> specs) {
        // one statement (see Deletes); the old rows leave the session, as new ones may take their keys
        return roles.delete("key.servicePrincipalId", principalId)
                .chain(() -> Panache.getSession()).invoke(session -> current.forEach(session::detach))
                .chain(() -> insertRoles(principalId, specs)).replaceWithVoid();
    }

    static GraphException appIdTaken(String appId) {
        return GraphException.conflict("Request_MultipleObjectsWithSameKeyValue",
                "Another object with the same value for property appId already exists: '" + appId + "'.");
    }

    private static GraphException rolesInUse(List<AppRole> removed, Set<UUID> inUse) {
        Map<UUID, AppRole> byId = removed.stream().collect(Collectors.toMap(AppRole::id, role -> role));
        String names = inUse.stream().sorted().map(byId::get)
                .map(role -> "'" + role.displayName + "' (" + role.id() + ")")
                .collect(Collectors.joining(", "));
        return GraphException.invalidField("appRoles", "App role" + (inUse.size() > 1 ? "s " : " ") + names
                + (inUse.size() > 1 ? " are" : " is") + " assigned and cannot be removed; disable "
                + (inUse.size() > 1 ? "them" : "it") + " with isEnabled: false instead.");
    }
}
