package dev.tessera.provisioning.adminunit;

import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.provisioning.DirectoryAccess;
import dev.tessera.provisioning.DirectoryReader;
import dev.tessera.provisioning.user.UserJson;
import dev.tessera.provisioning.Principals;
import dev.tessera.provisioning.UniqueViolations;
import dev.tessera.provisioning.group.DirectoryGroup;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Administrative units and their members (users and groups): administrators write them, members of
 * the directory read them ({@link DirectoryAccess}). pim-service reads a unit to validate a
 * {@code directoryScopeId}.
 */
@ApplicationScoped
public class AdministrativeUnitService {

    static final String MEMBER_KEY = "administrative_unit_member_pkey";

    @Inject
    AdministrativeUnitRepository units;

    @Inject
    AdministrativeUnitMemberRepository members;

    @Inject
    Principals directory;

    @Inject
    UserRepository users;

    @Inject
    GroupRepository groups;

    @Inject
    DirectoryAccess access;

    @Inject
    InstantSource clock;

    @WithTransaction
    public Uni<AdministrativeUnit> create(AdministrativeUnitBody body) {
        access.requireMayManageUnits();
        AdministrativeUnitRules.validateCreate(body);
        AdministrativeUnit unit = new AdministrativeUnit();
        unit.id = UUID.randomUUID();
        unit.createdDateTime = clock.instant();
        AdministrativeUnitRules.apply(body, unit);
        return units.persist(unit);
    }

    @WithTransaction
    public Uni<Void> update(String id, AdministrativeUnitBody body) {
        access.requireMayManageUnits();
        AdministrativeUnitRules.validatePatch(body);
        return require(id).invoke(unit -> AdministrativeUnitRules.apply(body, unit)).replaceWithVoid();
    }

    /** Deleting a unit ends its memberships (the database cascades them); members themselves stay. */
    @WithTransaction
    public Uni<Void> delete(String id) {
        access.requireMayManageUnits();
        return require(id).chain(unit -> Deletes.one(units.delete("id", unit.id),
                () -> DirectoryAccess.notFound(id)));
    }

    @WithSession
    public Uni<AdministrativeUnit> get(String id) {
        return requireReader().chain(() -> require(id));
    }

    @WithSession
    public Uni<List<AdministrativeUnit>> page(Optional<FilterExpr> filter, UUID after, int top) {
        return requireReader().chain(() -> units.page(filter, after, top));
    }

    @WithSession
    public Uni<Long> count(Optional<FilterExpr> filter) {
        return requireReader().chain(() -> units.count(filter));
    }

    /** Members and readers read units; guests and callers outside the directory do not. */
    private Uni<DirectoryReader> requireReader() {
        return access.reader().invoke(DirectoryReader::requireMember);
    }

    @WithTransaction
    public Uni<Void> addMember(String unitId, RefBody body) {
        access.requireMayManageUnits();
        if (body == null) {
            throw GraphException.invalidField("@odata.id", "Property '@odata.id' is required.");
        }
        UUID memberId = body.objectId();
        return require(unitId).chain(unit -> directory.find(memberId).chain(member -> {
            if (member == null) {
                throw DirectoryAccess.notFound(memberId);
            }
            return members.findById(new AdministrativeUnitMember.Key(unit.id, memberId)).chain(existing -> {
                if (existing != null) {
                    throw alreadyThere();
                }
                return members.persistAndFlush(AdministrativeUnitMember.of(unit.id, member, clock.instant()))
                        .onFailure(failure -> UniqueViolations.of(failure, MEMBER_KEY))
                        .transform(failure -> alreadyThere())
                        .replaceWithVoid();
            });
        }));
    }

    @WithTransaction
    public Uni<Void> removeMember(String unitId, String memberPathId) {
        access.requireMayManageUnits();
        UUID memberId = Ids.pathId(memberPathId, "directory object");
        return require(unitId)
                .chain(unit -> members.findById(new AdministrativeUnitMember.Key(unit.id, memberId)))
                .chain(member -> {
                    if (member == null) {
                        throw noSuchMember();
                    }
                    return Deletes.one(members.delete("key", member.key), AdministrativeUnitService::noSuchMember);
                });
    }

    /**
     * One page of members, users and groups together, in member-id order (top + 1 rows). Every row
     * has its user or group: their foreign keys delete the row with the member.
     */
    @WithSession
    public Uni<List<UnitMember>> members(String unitId, UUID after, int top) {
        return requireReader().chain(reader -> require(unitId)
                .chain(unit -> members.page(unit.id, after, top)).chain(rows -> {
            List<UUID> userIds = rows.stream().filter(r -> r.userId != null).map(r -> r.userId).toList();
            List<UUID> groupIds = rows.stream().filter(r -> r.groupId != null).map(r -> r.groupId).toList();
            Uni<Map<UUID, DirectoryUser>> foundUsers = userIds.isEmpty() ? Uni.createFrom().item(Map.of())
                    : users.list("id in ?1", userIds).map(list -> byId(list, u -> u.id));
            Uni<Map<UUID, DirectoryGroup>> foundGroups = groupIds.isEmpty() ? Uni.createFrom().item(Map.of())
                    : groups.list("id in ?1", groupIds).map(list -> byId(list, g -> g.id));
            return foundUsers.chain(u -> foundGroups.map(g -> rows.stream()
                    .map(r -> new UnitMember(r.key.memberId, shown(reader, u.get(r.key.memberId)),
                            g.get(r.key.memberId)))
                    .toList()));
        }));
    }

    private static GraphException noSuchMember() {
        return GraphException.notFound("One or more removed object references do not exist for the "
                + "following modified properties: 'members'.");
    }

    private Uni<AdministrativeUnit> require(String id) {
        UUID unitId = Ids.pathId(id, "administrativeUnit");
        return units.findById(unitId).onItem().ifNull().failWith(() -> DirectoryAccess.notFound(id));
    }

    private static UserJson shown(DirectoryReader reader, DirectoryUser user) {
        return user == null ? null : reader.show(user);
    }

    private static <T> Map<UUID, T> byId(List<T> items, Function<T, UUID> id) {
        return items.stream().collect(Collectors.toMap(id, item -> item));
    }

    private static GraphException alreadyThere() {
        return new GraphException(400, "Request_BadRequest", "One or more added object references already exist "
                + "for the following modified properties: 'members'.");
    }
}
