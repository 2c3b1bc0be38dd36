package dev.tessera.provisioning.user;

import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.DirectoryChanged;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.provisioning.DirectoryAccess;
import dev.tessera.provisioning.DirectoryReader;
import dev.tessera.provisioning.group.DynamicMemberships;
import dev.tessera.provisioning.group.RefBody;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Users of the directory; who writes them and who reads which of their properties: {@link DirectoryAccess}. */
@ApplicationScoped
public class UserService {

    @Inject
    UserRepository users;

    @Inject
    Outbox outbox;

    @Inject
    DirectoryAccess access;

    @Inject
    DynamicMemberships dynamic;

    @Inject
    InstantSource clock;

    @WithTransaction
    public Uni<DirectoryUser> create(UserBody body) {
        access.requireMayCreateUser();
        UserRules.validateCreate(body);
        DirectoryUser user = new DirectoryUser();
        user.id = UUID.randomUUID();
        user.createdDateTime = clock.instant();
        UserRules.apply(body, user);
        return ensureUnique(user.userPrincipalName, user.mailNickname, user.id)
                .chain(() -> users.persistAndFlush(user))
                .onFailure(UserConflicts::isUniqueViolation).transform(UserConflicts::toGraph)
                .chain(() -> publish(EventTypes.USER_CREATED, user,
                        UserRules.attributes(user, UserRules.allAttributes())))
                .chain(() -> dynamic.userChanged(user))
                .replaceWith(user);
    }

    @WithTransaction
    public Uni<Void> update(String idOrUpn, UserBody body) {
        access.requireMayChangeSomeUser();
        // the body is read once the caller may change this user: a privileged one gets 403 whatever it holds
        return require(idOrUpn).call(access::requireMayManageUser).chain(user -> {
            UserRules.validatePatch(body);
            // Checked before the entity changes, so the check's query does not flush a conflicting row.
            String upn = body.has("userPrincipalName") ? body.userPrincipalName() : user.userPrincipalName;
            String nickname = body.has("mailNickname") ? body.mailNickname() : user.mailNickname;
            return ensureUnique(upn, nickname, user.id)
                    .invoke(() -> UserRules.apply(body, user))
                    .chain(() -> users.flush())
                    .onFailure(UserConflicts::isUniqueViolation).transform(UserConflicts::toGraph)
                    .chain(() -> body.present().isEmpty() ? Uni.createFrom().voidItem()
                            : publish(EventTypes.USER_UPDATED, user, UserRules.attributes(user, body.present()))
                                    .chain(() -> dynamic.userChanged(user)));
        });
    }

    /**
     * A lifecycle workflow's "Enable/Disable user account": sets accountEnabled as a PATCH would, with the
     * same event. Inside the caller's transaction; false when the user no longer exists.
     */
    public Uni<Boolean> setAccountEnabled(UUID userId, boolean enabled) {
        return users.findById(userId).chain(user -> {
            if (user == null) {
                return Uni.createFrom().item(false);
            }
            if (Boolean.valueOf(enabled).equals(user.accountEnabled)) {
                return Uni.createFrom().item(true);
            }
            user.accountEnabled = enabled;
            return users.flush().chain(() -> publish(EventTypes.USER_UPDATED, user,
                    UserRules.attributes(user, List.of("accountEnabled")))).replaceWith(true);
        });
    }

    /** Deleting a user ends all its group memberships (the database cascades them). */
    @WithTransaction
    public Uni<Void> delete(String idOrUpn) {
        access.requireMayChangeSomeUser();
        return require(idOrUpn).call(access::requireMayManageUser).call(dynamic::userDeleting)
                .chain(user -> Deletes.one(users.delete("id", user.id), () -> notFound(idOrUpn))
                        .chain(() -> publish(EventTypes.USER_DELETED, user,
                                Map.of("userPrincipalName", user.userPrincipalName))));
    }

    /** The user's manager; 404 when the user has none (as Graph answers). Not for guests: it is another user. */
    @WithSession
    public Uni<UserJson> manager(String idOrUpn) {
        return access.reader().invoke(DirectoryReader::requireMember).chain(reader -> require(idOrUpn).chain(user -> {
            if (user.managerId == null) {
                throw GraphException.notFound("Resource 'manager' does not exist or one of its queried "
                        + "reference-property objects are not present.");
            }
            return require(user.managerId.toString()).map(reader::show);
        }));
    }

    /** {@code PUT users/{id}/manager/$ref}: the referenced user becomes the manager. */
    @WithTransaction
    public Uni<Void> setManager(String idOrUpn, RefBody body) {
        access.requireMayChangeSomeUser();
        return require(idOrUpn).call(access::requireMayManageUser).chain(user -> {
            if (body == null) {
                throw GraphException.badRequest("A body with '@odata.id' is required.");
            }
            UUID managerId = body.objectId();
            if (user.id.equals(managerId)) {
                throw GraphException.invalidField("@odata.id", "A user cannot be their own manager.");
            }
            return users.findById(managerId).chain(manager -> {
                if (manager == null) {
                    throw GraphException.invalidField("@odata.id", "User '" + managerId + "' does not exist.");
                }
                user.managerId = manager.id;
                return publish(EventTypes.USER_UPDATED, user, Map.of("manager", manager.id.toString()));
            });
        });
    }

    /** {@code DELETE users/{id}/manager/$ref}. */
    @WithTransaction
    public Uni<Void> removeManager(String idOrUpn) {
        access.requireMayChangeSomeUser();
        return require(idOrUpn).call(access::requireMayManageUser).chain(user -> {
            if (user.managerId == null) {
                throw noManager(idOrUpn);
            }
            java.util.Map<String, Object> cleared = new java.util.HashMap<>();
            cleared.put("manager", null);
            // Only if the manager is still there: of two concurrent removals, the second finds none (404).
            return Deletes.one(users.update("managerId = null where id = ?1 and managerId is not null", user.id),
                            () -> noManager(idOrUpn))
                    .chain(() -> publish(EventTypes.USER_UPDATED, user, cleared));
        });
    }

    /** A guest reads only themselves: any other id is 403 whether or not it exists. */
    @WithSession
    public Uni<UserJson> get(String idOrUpn) {
        return access.reader().chain(reader -> users.findByIdOrUpn(idOrUpn).map(user -> {
            reader.requireMayReadUser(user == null ? null : user.id);
            if (user == null) {
                throw notFound(idOrUpn);
            }
            return reader.show(user);
        }));
    }

    /** The users the caller may see (a guest: only themselves), each with the properties they may read. */
    @WithSession
    public Uni<List<UserJson>> page(Optional<FilterExpr> filter, UUID after, int top) {
        return access.reader().chain(reader -> {
            reader.checkUserFilter(filter);
            return users.page(filter, reader.onlyUser(), after, top)
                    .map(rows -> rows.stream().map(reader::show).toList());
        });
    }

    @WithSession
    public Uni<Long> count(Optional<FilterExpr> filter) {
        return access.reader().chain(reader -> {
            reader.checkUserFilter(filter);
            return users.count(filter, reader.onlyUser());
        });
    }

    private Uni<DirectoryUser> require(String idOrUpn) {
        return users.findByIdOrUpn(idOrUpn).onItem().ifNull().failWith(() -> notFound(idOrUpn));
    }

    private Uni<Void> ensureUnique(String userPrincipalName, String mailNickname, UUID self) {
        return users.holdersOf(userPrincipalName, mailNickname, self).invoke(holders ->
                UserConflicts.among(holders, userPrincipalName, mailNickname).ifPresent(conflict -> {
                    throw conflict;
                })).replaceWithVoid();
    }

    private Uni<Void> publish(String type, DirectoryUser user, Map<String, Object> attributes) {
        return outbox.publish(Topics.DIRECTORY_EVENTS, type, user.id.toString(),
                new DirectoryChanged(user.id, null, attributes));
    }

    private static GraphException noManager(String idOrUpn) {
        return GraphException.notFound("User '" + idOrUpn + "' has no manager.");
    }

    static GraphException notFound(String id) {
        return GraphException.notFound("Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.");
    }
}
