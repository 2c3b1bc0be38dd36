package dev.tessera.provisioning.site;

import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.provisioning.DirectoryAccess;
import dev.tessera.provisioning.UniqueViolations;
import dev.tessera.provisioning.group.GroupRepository;
import dev.tessera.provisioning.group.RefBody;
import dev.tessera.provisioning.user.UserJson;
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

/** Users in site roles, added and removed by administrators with {@code $ref}, as group members are. */
@ApplicationScoped
public class SiteRoleMemberService {

    static final String PRIMARY_KEY = "site_role_member_pkey";

    @Inject
    SiteService sites;

    @Inject
    SiteRoleMemberRepository members;

    @Inject
    UserRepository users;

    @Inject
    GroupRepository groups;

    @Inject
    SiteRoleEvents events;

    @Inject
    DirectoryAccess access;

    @Inject
    InstantSource clock;

    @WithTransaction
    public Uni<Void> add(String siteId, String roleId, RefBody body) {
        access.requireMayManageSites();
        if (body == null) {
            throw GraphException.invalidField("@odata.id", "Property '@odata.id' is required.");
        }
        UUID userId = body.objectId();
        return sites.require(siteId).chain(site -> sites.requireRole(site, roleId))
                .call(role -> users.exists(userId).chain(exists -> exists ? Uni.createFrom().voidItem()
                        : groups.existing(List.of(userId)).invoke(found -> {
                            if (found.isEmpty()) {
                                throw DirectoryAccess.notFound(userId);
                            }
                            throw GraphException.invalidField("@odata.id", "'" + userId
                                    + "' is a group; site roles take users only.");
                        }).replaceWithVoid()))
                .chain(role -> members.findById(new SiteRoleMember.Key(role.key.siteId, role.id(), userId))
                        .chain(existing -> {
                            if (existing != null) {
                                throw alreadyThere();
                            }
                            SiteRoleMember member = SiteRoleMember.of(role.key.siteId, role.id(), userId,
                                    clock.instant());
                            return members.persistAndFlush(member)
                                    .onFailure(failure -> UniqueViolations.of(failure, PRIMARY_KEY))
                                    .transform(failure -> alreadyThere())
                                    .chain(() -> events.added(member));
                        }));
    }

    @WithTransaction
    public Uni<Void> remove(String siteId, String roleId, String userPathId) {
        access.requireMayManageSites();
        UUID userId = Ids.pathId(userPathId, "directory object");
        return sites.require(siteId).chain(site -> sites.requireRole(site, roleId))
                .chain(role -> members.findById(new SiteRoleMember.Key(role.key.siteId, role.id(), userId)))
                .chain(member -> {
                    if (member == null) {
                        throw noSuchMember();
                    }
                    return Deletes.one(members.delete("key", member.key), SiteRoleMemberService::noSuchMember)
                            .chain(() -> events.removed(List.of(member)));
                });
    }

    private static GraphException noSuchMember() {
        return GraphException.notFound("One or more removed object references do not exist for the "
                + "following modified properties: 'members'.");
    }

    @WithSession
    public Uni<List<UserJson>> users(String siteId, String roleId, Optional<FilterExpr> filter, UUID after,
            int top) {
        return sites.requireReader().chain(reader -> {
            reader.checkUserFilter(filter);
            return sites.require(siteId).chain(site -> sites.requireRole(site, roleId))
                    .chain(role -> members.users(role.key.siteId, role.id(), filter, after, top))
                    .map(rows -> rows.stream().map(reader::show).toList());
        });
    }

    private static GraphException alreadyThere() {
        return new GraphException(400, "Request_BadRequest", "One or more added object references already exist "
                + "for the following modified properties: 'members'.");
    }
}
