package dev.tessera.provisioning.delivery;

import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.provisioning.Principal;
import dev.tessera.provisioning.application.AppRole;
import dev.tessera.provisioning.application.AppRoleAssignment;
import dev.tessera.provisioning.application.AppRoleAssignmentEvents;
import dev.tessera.provisioning.application.AppRoleRepository;
import dev.tessera.provisioning.application.ServicePrincipal;
import dev.tessera.provisioning.site.Site;
import dev.tessera.provisioning.site.SiteRole;
import dev.tessera.provisioning.site.SiteRoleEvents;
import dev.tessera.provisioning.site.SiteRoleMember;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Application and site resource roles: resolves them to a {@link Placement} (the app role of a
 * service principal; the role of the site with that URL) and grants or takes away the place with
 * one {@code access_grant} row per source, so the app-role assignment or site-role membership lasts
 * until its last source goes (a pre-existing one counts as the source {@code direct}).
 */
@ApplicationScoped
class Placements {

    static final String DIRECT = "direct";

    @Inject
    AppRoleRepository appRoles;

    @Inject
    AppRoleAssignmentEvents appRoleEvents;

    @Inject
    SiteRoleEvents siteRoleEvents;

    @Inject
    InstantSource clock;

    static boolean handles(ResourceRoleRef role) {
        return DeliveryPlan.AAD_APPLICATION.equalsIgnoreCase(role.originSystem())
                || DeliveryPlan.SHAREPOINT_ONLINE.equalsIgnoreCase(role.originSystem());
    }

    /** Each application or site role of the list, by role id, resolved against the directory. */
    Uni<Map<UUID, Placement.Resolved>> resolve(List<ResourceRoleRef> roles) {
        Map<UUID, Placement.Resolved> resolved = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ResourceRoleRef role : roles) {
            if (!handles(role)) {
                continue;
            }
            chain = chain.chain(() -> resolve(role).invoke(r -> resolved.put(role.roleId(), r)).replaceWithVoid());
        }
        return chain.replaceWith(resolved);
    }

    Uni<Placement.Resolved> resolve(ResourceRoleRef role) {
        if (DeliveryPlan.AAD_APPLICATION.equalsIgnoreCase(role.originSystem())) {
            if (!Ids.isGuid(role.resourceOriginId()) || !Ids.isGuid(role.roleOriginId())) {
                return failed("Application role '" + role.roleOriginId() + "' of '" + role.resourceOriginId()
                        + "' is not an app role id of a service principal id");
            }
            UUID spId = UUID.fromString(role.resourceOriginId());
            UUID appRoleId = UUID.fromString(role.roleOriginId());
            return appRoles.of(spId).chain(list -> ServicePrincipal.<ServicePrincipal>findById(spId)
                    .map(sp -> {
                        if (sp == null) {
                            return new Placement.Resolved(null, "Application '" + spId + "' does not exist in the directory");
                        }
                        boolean userRoles = list.stream().anyMatch(r -> r.enabled && r.allowsUsers());
                        if (AppRole.DEFAULT_ACCESS.equals(appRoleId) ? userRoles
                                : list.stream().noneMatch(r -> r.id().equals(appRoleId) && r.enabled && r.allowsUsers())) {
                            return new Placement.Resolved(null, "App role '" + appRoleId + "' of application '" + spId
                                    + "' does not exist, is disabled or is not for users");
                        }
                        return new Placement.Resolved(Placement.appRole(spId, appRoleId), null);
                    }));
        }
        String url = role.resourceOriginId() == null ? "" : role.resourceOriginId().trim();
        String key = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url).toLowerCase(Locale.ROOT);
        return Site.<Site>find("lower(webUrl) = ?1", key).firstResult().chain(site -> {
            if (site == null) {
                return failed("Site '" + url + "' does not exist in the directory");
            }
            return SiteRole.<SiteRole>findById(new SiteRole.Key(site.id, role.roleOriginId())).map(siteRole -> siteRole == null
                    ? new Placement.Resolved(null, "Site '" + url + "' has no role '" + role.roleOriginId() + "'")
                    : new Placement.Resolved(Placement.siteRole(site.id, role.roleOriginId()), null));
        });
    }

    /** Gives the target the place for this source; creates the assignment or membership if it is new. */
    Uni<Void> grant(UUID target, Placement place, String source) {
        return exists(target, place).chain(exists -> grants(target, place).chain(sources -> {
            Uni<Void> direct = exists && sources == 0 ? insertGrant(target, place, DIRECT) : Uni.createFrom().voidItem();
            Uni<Void> create = exists ? Uni.createFrom().voidItem() : create(target, place);
            return direct.chain(() -> create).chain(() -> insertGrant(target, place, source));
        }));
    }

    /** Takes this source's grants; a place no source grants any more is removed (and announced). */
    Uni<Void> removeSource(String source) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from access_grant where source = ?1 "
                        + "returning kind, resource_id, role_id, principal_id", Object[].class)
                .setParameter(1, source).getResultList())
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Object[] row : rows) {
                        Placement place = new Placement((String) row[0], (UUID) row[1], (String) row[2]);
                        UUID principal = (UUID) row[3];
                        chain = chain.chain(() -> removeIfUngranted(principal, place));
                    }
                    return chain;
                });
    }

    /** Takes one source's grant of one place. */
    Uni<Void> remove(UUID target, Placement place, String source) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from access_grant where kind = ?1 and "
                        + "resource_id = ?2 and role_id = ?3 and principal_id = ?4 and source = ?5")
                .setParameter(1, place.kind()).setParameter(2, place.resourceId()).setParameter(3, place.roleId())
                .setParameter(4, target).setParameter(5, source).executeUpdate())
                .chain(deleted -> deleted == 0 ? Uni.createFrom().voidItem() : removeIfUngranted(target, place));
    }

    private Uni<Void> removeIfUngranted(UUID principal, Placement place) {
        return grants(principal, place).chain(left -> left > 0 ? Uni.createFrom().voidItem() : delete(principal, place));
    }

    private Uni<Boolean> exists(UUID target, Placement place) {
        if (Placement.APP_ROLE.equals(place.kind())) {
            return AppRoleAssignment.count("resourceId = ?1 and appRoleId = ?2 and principalId = ?3", place.resourceId(),
                    UUID.fromString(place.roleId()), target).map(n -> n > 0);
        }
        return SiteRoleMember.<SiteRoleMember>findById(new SiteRoleMember.Key(place.resourceId(), place.roleId(), target))
                .map(m -> m != null);
    }

    private Uni<Void> create(UUID target, Placement place) {
        if (Placement.APP_ROLE.equals(place.kind())) {
            AppRoleAssignment assignment = AppRoleAssignment.of(place.resourceId(), UUID.fromString(place.roleId()),
                    new Principal(target, Principal.Type.User, null), clock.instant());
            return assignment.persist().chain(() -> appRoleEvents.added(assignment));
        }
        SiteRoleMember member = SiteRoleMember.of(place.resourceId(), place.roleId(), target, clock.instant());
        return member.persist().chain(() -> siteRoleEvents.added(member));
    }

    private Uni<Void> delete(UUID principal, Placement place) {
        if (Placement.APP_ROLE.equals(place.kind())) {
            return AppRoleAssignment.<AppRoleAssignment>list("resourceId = ?1 and appRoleId = ?2 and principalId = ?3",
                            place.resourceId(), UUID.fromString(place.roleId()), principal)
                    .chain(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                            : AppRoleAssignment.delete("id in ?1", found.stream().map(a -> a.id).toList())
                                    .chain(() -> appRoleEvents.removed(found)));
        }
        return SiteRoleMember.<SiteRoleMember>findById(new SiteRoleMember.Key(place.resourceId(), place.roleId(), principal))
                .chain(member -> member == null ? Uni.createFrom().voidItem()
                        : SiteRoleMember.delete("key", member.key)
                                .chain(() -> siteRoleEvents.removed(List.of(member))));
    }

    private Uni<Long> grants(UUID principal, Placement place) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select count(*) from access_grant where kind = ?1 "
                        + "and resource_id = ?2 and role_id = ?3 and principal_id = ?4", Long.class)
                .setParameter(1, place.kind()).setParameter(2, place.resourceId()).setParameter(3, place.roleId())
                .setParameter(4, principal).getSingleResult());
    }

    private Uni<Void> insertGrant(UUID principal, Placement place, String source) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into access_grant (kind, resource_id, role_id, "
                        + "principal_id, source, created_at) values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing")
                .setParameter(1, place.kind()).setParameter(2, place.resourceId()).setParameter(3, place.roleId())
                .setParameter(4, principal).setParameter(5, source).setParameter(6, clock.instant()).executeUpdate())
                .replaceWithVoid();
    }

    private static Uni<Placement.Resolved> failed(String error) {
        return Uni.createFrom().item(new Placement.Resolved(null, error));
    }
}
