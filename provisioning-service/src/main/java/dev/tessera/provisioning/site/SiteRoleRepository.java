package dev.tessera.provisioning.site;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class SiteRoleRepository implements PanacheRepositoryBase<SiteRole, SiteRole.Key> {

    /** A site's roles in SharePoint's order: Owners, Members, Visitors. */
    public Uni<List<SiteRole>> of(UUID siteId) {
        return list("key.siteId = ?1 order by key.id", siteId);
    }
}
