package dev.tessera.provisioning.site;

import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.DirectoryChanged;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.provisioning.DirectoryEventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Directory events for users in site roles. Call inside the transaction that made the change. */
@ApplicationScoped
public class SiteRoleEvents {

    @Inject
    Outbox outbox;

    public Uni<Void> added(SiteRoleMember member) {
        return publish(DirectoryEventTypes.SITE_ROLE_MEMBER_ADDED, member);
    }

    public Uni<Void> removed(List<SiteRoleMember> members) {
        // One session: the writes run one after the other, never concurrently.
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SiteRoleMember member : members) {
            chain = chain.chain(() -> publish(DirectoryEventTypes.SITE_ROLE_MEMBER_REMOVED, member));
        }
        return chain;
    }

    private Uni<Void> publish(String type, SiteRoleMember member) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("siteId", member.key.siteId.toString());
        attributes.put("roleId", member.key.roleId);
        attributes.put("source", "direct");
        return outbox.publish(Topics.DIRECTORY_EVENTS, type, member.key.userId.toString(),
                new DirectoryChanged(member.key.userId, null, attributes));
    }
}
