package dev.tessera.provisioning.site;

import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.provisioning.user.DirectoryUser;
import dev.tessera.provisioning.user.UserRepository;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class SiteRoleMemberRepository implements PanacheRepositoryBase<SiteRoleMember, SiteRoleMember.Key> {

    @Inject
    UserRepository directoryUsers;

    public Uni<List<SiteRoleMember>> ofSite(UUID siteId) {
        return list("key.siteId", siteId);
    }

    /** The users in one role of a site, keyset-paged by id (top + 1 rows). */
    public Uni<List<DirectoryUser>> users(UUID siteId, String roleId, Optional<FilterExpr> filter, UUID after,
            int top) {
        return directoryUsers.pageAmong(
                "select m.key.userId from SiteRoleMember m where m.key.siteId = ?1 and m.key.roleId = ?2",
                List.of(siteId, roleId), filter, after, top);
    }
}
