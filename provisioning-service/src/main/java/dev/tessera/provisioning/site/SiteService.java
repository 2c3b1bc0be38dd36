package dev.tessera.provisioning.site;

import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.provisioning.DirectoryAccess;
import dev.tessera.provisioning.DirectoryReader;
import dev.tessera.provisioning.UniqueViolations;
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
 * Sites and their roles: administrators create and delete sites, members of the directory read them
 * ({@link DirectoryAccess}).
 */
@ApplicationScoped
public class SiteService {

    static final String WEB_URL_INDEX = "site_web_url_unique";

    @Inject
    SiteRepository sites;

    @Inject
    SiteRoleRepository roles;

    @Inject
    SiteRoleMemberRepository members;

    @Inject
    SiteRoleEvents events;

    @Inject
    DirectoryAccess access;

    @Inject
    InstantSource clock;

    /** A new site comes with SharePoint's three associated roles. */
    @WithTransaction
    public Uni<Site> create(SiteBody body) {
        access.requireMayManageSites();
        Site site = SiteRules.create(body, UUID.randomUUID(), clock.instant());
        return sites.webUrlTaken(SiteRules.urlKey(site.webUrl))
                .chain(taken -> {
                    if (taken) {
                        throw webUrlTaken(site.webUrl);
                    }
                    return sites.persistAndFlush(site);
                })
                .chain(() -> roles.persist(SiteRules.defaultRoles(site)))
                .chain(() -> roles.flush())
                .onFailure(failure -> UniqueViolations.of(failure, WEB_URL_INDEX))
                .transform(failure -> webUrlTaken(site.webUrl))
                .replaceWith(site);
    }

    /** Deleting a site deletes its roles and who was in them (the database cascades them). */
    @WithTransaction
    public Uni<Void> delete(String id) {
        access.requireMayManageSites();
        return require(id).chain(site -> members.ofSite(site.id)
                .chain(held -> events.removed(held))
                .chain(() -> Deletes.one(sites.delete("id", site.id), () -> DirectoryAccess.notFound(id))));
    }

    @WithSession
    public Uni<Site> get(String id) {
        return requireReader().chain(() -> require(id));
    }

    @WithSession
    public Uni<List<Site>> page(Optional<FilterExpr> filter, UUID after, int top) {
        return requireReader().chain(() -> sites.page(filter, after, top));
    }

    @WithSession
    public Uni<Long> count(Optional<FilterExpr> filter) {
        return requireReader().chain(() -> sites.count(filter));
    }

    @WithSession
    public Uni<List<SiteRole>> roles(String siteId) {
        return requireReader().chain(() -> require(siteId)).chain(site -> roles.of(site.id));
    }

    @WithSession
    public Uni<SiteRole> role(String siteId, String roleId) {
        return requireReader().chain(() -> require(siteId)).chain(site -> requireRole(site, roleId));
    }

    /** Members and readers read sites; guests and callers outside the directory do not. */
    Uni<DirectoryReader> requireReader() {
        return access.reader().invoke(DirectoryReader::requireMember);
    }

    Uni<Site> require(String id) {
        UUID siteId = Ids.pathId(id, "site");
        return sites.findById(siteId).onItem().ifNull().failWith(() -> DirectoryAccess.notFound(id));
    }

    Uni<SiteRole> requireRole(Site site, String roleId) {
        return roles.findById(new SiteRole.Key(site.id, roleId)).onItem().ifNull()
                .failWith(() -> GraphException.notFound("Site '" + site.id + "' has no role '" + roleId + "'."));
    }

    private static GraphException webUrlTaken(String webUrl) {
        return GraphException.conflict("nameAlreadyExists", "A site with webUrl '" + webUrl + "' already exists.");
    }
}
