package dev.tessera.provisioning.application;

import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.provisioning.DirectoryAccess;
import dev.tessera.provisioning.user.UserJson;
import dev.tessera.provisioning.UniqueViolations;
import dev.tessera.provisioning.group.GroupRepository;
import dev.tessera.provisioning.group.RefBody;
import dev.tessera.provisioning.user.DirectoryUser;
import dev.tessera.provisioning.user.UserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The owners of a service principal, added and removed with {@code $ref} by whoever may change the
 * service principal; users only. Being an owner lets a catalog owner add the application to their
 * catalog.
 */
@ApplicationScoped
public class ServicePrincipalOwnerService {

    static final String PRIMARY_KEY = "service_principal_owner_pkey";

    @Inject
    ServicePrincipalService principals;

    @Inject
    ServicePrincipalOwnerRepository owners;

    @Inject
    UserRepository users;

    @Inject
    GroupRepository groups;

    @Inject
    DirectoryAccess access;

    @Inject
    InstantSource clock;

    @WithTransaction
    public Uni<Void> add(String id, RefBody body) {
        access.requireMayManageApplication(id);
        if (body == null) {
            throw GraphException.invalidField("@odata.id", "Property '@odata.id' is required.");
        }
        UUID userId = body.objectId();
        return principals.require(id)
                .call(principal -> users.exists(userId).chain(exists -> exists ? Uni.createFrom().voidItem()
                        : groups.existing(List.of(userId)).invoke(found -> {
                            if (found.isEmpty()) {
                                throw DirectoryAccess.notFound(userId);
                            }
                            throw GraphException.invalidField("@odata.id", "'" + userId
                                    + "' is a group; owners of a service principal are users.");
                        }).replaceWithVoid()))
                .chain(principal -> owners.findById(new ServicePrincipalOwner.Key(principal.id, userId))
                        .chain(existing -> {
                            if (existing != null) {
                                throw alreadyThere();
                            }
                            return owners.persistAndFlush(ServicePrincipalOwner.of(principal.id, userId,
                                            clock.instant()))
                                    .onFailure(failure -> UniqueViolations.of(failure, PRIMARY_KEY))
                                    .transform(failure -> alreadyThere())
                                    .replaceWithVoid();
                        }));
    }

    @WithTransaction
    public Uni<Void> remove(String id, String userPathId) {
        access.requireMayManageApplication(id);
        UUID userId = Ids.pathId(userPathId, "directory object");
        return principals.require(id)
                .chain(principal -> owners.findById(new ServicePrincipalOwner.Key(principal.id, userId)))
                .chain(owner -> {
                    if (owner == null) {
                        throw noSuchOwner();
                    }
                    return Deletes.one(owners.delete("key", owner.key), ServicePrincipalOwnerService::noSuchOwner);
                });
    }

    private static GraphException noSuchOwner() {
        return GraphException.notFound("One or more removed object references do not exist for the "
                + "following modified properties: 'owners'.");
    }

    @WithSession
    public Uni<List<UserJson>> users(String id, Optional<FilterExpr> filter, UUID after, int top) {
        return access.reader().chain(reader -> {
            reader.requireMember();
            reader.checkUserFilter(filter);
            return principals.require(id).chain(principal -> owners.users(principal.id, filter, after, top))
                    .map(rows -> rows.stream().map(reader::show).toList());
        });
    }

    private static GraphException alreadyThere() {
        return new GraphException(400, "Request_BadRequest", "One or more added object references already exist "
                + "for the following modified properties: 'owners'.");
    }
}
