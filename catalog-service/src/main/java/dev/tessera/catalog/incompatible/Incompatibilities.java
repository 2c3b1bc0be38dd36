package dev.tessera.catalog.incompatible;

import dev.tessera.catalog.accesspackage.AccessPackage;
import dev.tessera.catalog.accesspackage.AccessPackageRepository;
import dev.tessera.catalog.accesspackage.AccessPackageService;
import dev.tessera.catalog.resource.OriginObjects;
import dev.tessera.catalog.resource.OriginSystems;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.ODataRef;
import dev.tessera.platform.graph.RemoteErrors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Separation of duties: the access packages and groups an access package is incompatible with.
 * Whoever holds an incompatible package (in either direction) or is a member of an incompatible
 * group cannot get the package; request-service enforces it with {@link #forRequests}.
 */
@ApplicationScoped
public class Incompatibilities {

    /** A package or group named in a conflict. */
    public record Named(String id, String displayName) {
    }

    /** What request-service checks a request against. */
    public record ForRequests(List<Named> accessPackages, List<Named> groups) {
    }

    @Inject
    AccessPackageService packages;

    @Inject
    AccessPackageRepository packageRows;

    @Inject
    OriginObjects origins;

    @Inject
    InstantSource clock;

    @WithSession
    public Uni<List<AccessPackage>> incompatiblePackages(String packageId) {
        return packages.require(packageId).chain(p -> ids("select incompatible_access_package_id from "
                + "incompatible_access_package where access_package_id = ?1", p.id)).chain(packageRows::byIds);
    }

    @WithSession
    public Uni<List<AccessPackage>> packagesIncompatibleWith(String packageId) {
        return packages.require(packageId).chain(p -> ids("select access_package_id from incompatible_access_package "
                + "where incompatible_access_package_id = ?1", p.id)).chain(packageRows::byIds);
    }

    /** How an {@code @odata.id} may name an access package. */
    static final String[] PACKAGE_COLLECTIONS = {"identityGovernance/entitlementManagement/accessPackages",
            "accessPackages"};

    @WithTransaction
    public Uni<Void> addPackage(String packageId, ODataRef ref) {
        UUID otherId = ref == null ? null : ref.id(PACKAGE_COLLECTIONS);
        if (otherId == null) {
            throw GraphException.badRequest("A body with '@odata.id' is required.");
        }
        return packages.require(packageId).chain(p -> {
            if (p.id.equals(otherId)) {
                throw GraphException.invalidField("@odata.id", "An access package cannot be incompatible with itself.");
            }
            return packageRows.findById(otherId).chain(other -> {
                if (other == null) {
                    throw GraphException.invalidField("@odata.id", "Access package '" + otherId + "' was not found.");
                }
                return insert("insert into incompatible_access_package (access_package_id, incompatible_access_package_id, "
                        + "created_at) values (?1, ?2, ?3) on conflict do nothing",
                        "Access package '" + other.displayName + "' is already incompatible with this one.", p.id, otherId);
            });
        });
    }

    @WithTransaction
    public Uni<Void> removePackage(String packageId, String otherId) {
        UUID other = Ids.pathId(otherId, "an access package");
        return packages.require(packageId).chain(p -> delete("delete from incompatible_access_package where "
                + "access_package_id = ?1 and incompatible_access_package_id = ?2", p.id, other,
                "Access package '" + otherId + "' is not incompatible with this one."));
    }

    @WithSession
    public Uni<List<Named>> incompatibleGroups(String packageId) {
        return packages.require(packageId).chain(p -> named("select group_id, display_name from incompatible_group "
                + "where access_package_id = ?1 order by group_id", p.id));
    }

    /** The group must exist in the directory (asked with the service token); its name is kept for messages. */
    public Uni<Void> addGroup(String packageId, ODataRef ref) {
        if (ref == null) {
            throw GraphException.badRequest("A body with '@odata.id' is required.");
        }
        UUID groupId = ref.id("groups", "directoryObjects");
        return packages.require(packageId)
                .chain(p -> origins.find(OriginSystems.AAD_GROUP, groupId.toString())
                        .onFailure().transform(e -> RemoteErrors.asGraphError(e, "directory", "group '" + groupId + "'"))
                        .chain(found -> {
                            var group = found.orElseThrow(() -> GraphException.invalidField("@odata.id",
                                    "Group '" + groupId + "' does not exist in the directory."));
                            return insertGroup(p.id, groupId, group.displayName());
                        }));
    }

    @WithTransaction
    Uni<Void> insertGroup(UUID packageId, UUID groupId, String displayName) {
        return insert("insert into incompatible_group (access_package_id, group_id, display_name, created_at) "
                + "values (?1, ?2, ?3, ?4) on conflict do nothing",
                "Group '" + groupId + "' is already incompatible with this access package.", packageId, groupId, displayName);
    }

    @WithTransaction
    public Uni<Void> removeGroup(String packageId, String groupId) {
        UUID group = Ids.pathId(groupId, "a group");
        return packages.require(packageId).chain(p -> delete("delete from incompatible_group where access_package_id = ?1 "
                + "and group_id = ?2", p.id, group, "Group '" + groupId + "' is not incompatible with this access package."));
    }

    /** Both directions for packages (by name), and the package's incompatible groups. */
    @WithSession
    public Uni<ForRequests> forRequests(UUID packageId) {
        return named("select p.id, p.display_name from access_package p where p.id in ("
                + "select incompatible_access_package_id from incompatible_access_package where access_package_id = ?1 "
                + "union select access_package_id from incompatible_access_package where incompatible_access_package_id = ?1) "
                + "order by p.id", packageId)
                .chain(conflicting -> named("select group_id, display_name from incompatible_group where access_package_id = ?1 "
                        + "order by group_id", packageId).map(groups -> new ForRequests(conflicting, groups)));
    }

    private Uni<List<UUID>> ids(String sql, UUID param) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, UUID.class).setParameter(1, param)
                .getResultList());
    }

    private Uni<List<Named>> named(String sql, UUID param) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class).setParameter(1, param)
                .getResultList()).map(rows -> rows.stream().map(r -> new Named(r[0].toString(), (String) r[1])).toList());
    }

    /** Runs an insert whose last parameter is the creation time; nothing inserted means it was there already. */
    private Uni<Void> insert(String sql, String duplicate, Object... params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.setParameter(params.length + 1, clock.instant().truncatedTo(ChronoUnit.MICROS)).executeUpdate();
        }).invoke(inserted -> {
            if (inserted == 0) {
                throw GraphException.badRequest(duplicate);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> delete(String sql, UUID a, UUID b, String missing) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql).setParameter(1, a).setParameter(2, b)
                .executeUpdate()).invoke(deleted -> {
                    if (deleted == 0) {
                        throw GraphException.notFound(missing);
                    }
                }).replaceWithVoid();
    }
}
