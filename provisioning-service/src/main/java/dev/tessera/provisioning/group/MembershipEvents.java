package dev.tessera.provisioning.group;

import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.DirectoryChanged;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Directory events for places in groups. They report the effective membership: a second source for
 * a place already held, or the removal of one of several sources, changes nothing a consumer sees
 * and publishes nothing. Call inside the transaction that made the change.
 */
@ApplicationScoped
public class MembershipEvents {

    @Inject
    Outbox outbox;

    public Uni<Void> added(UUID memberId, Collection<GroupLink> links, String source) {
        return publish(EventTypes.GROUP_MEMBER_ADDED, memberId, links, source);
    }

    public Uni<Void> removed(UUID memberId, Collection<GroupLink> links, String source) {
        return publish(EventTypes.GROUP_MEMBER_REMOVED, memberId, links, source);
    }

    /**
     * A deleted group takes every place in it away: one {@code groupMemberRemoved} per member and
     * owner (attribute {@code source: "groupDeleted"}), then {@code groupDeleted} for the group, so
     * consumers that follow memberships (lifecycle rules, PIM activations through the group) see each
     * place end.
     */
    public Uni<Void> groupDeleted(UUID groupId, List<Object[]> places) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Object[] place : places) {
            UUID memberId = (UUID) place[0];
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("relationship", place[1]);
            attributes.put("source", "groupDeleted");
            DirectoryChanged payload = new DirectoryChanged(memberId, groupId, attributes);
            chain = chain.chain(() -> outbox.publish(Topics.DIRECTORY_EVENTS, EventTypes.GROUP_MEMBER_REMOVED,
                    memberId.toString(), payload));
        }
        return chain.chain(() -> outbox.publish(Topics.DIRECTORY_EVENTS, EventTypes.GROUP_DELETED,
                groupId.toString(), new DirectoryChanged(groupId, null, Map.of())));
    }

    /** The {@code groupMemberAdded} events {@link #added} would record, to record with others in one statement. */
    public List<Outbox.Pending> addedEvents(UUID memberId, Collection<GroupLink> links, String source) {
        return events(EventTypes.GROUP_MEMBER_ADDED, memberId, links, source);
    }

    private Uni<Void> publish(String type, UUID memberId, Collection<GroupLink> links, String source) {
        return outbox.publishAll(events(type, memberId, links, source));
    }

    private static List<Outbox.Pending> events(String type, UUID memberId, Collection<GroupLink> links, String source) {
        List<Outbox.Pending> events = new ArrayList<>(links.size());
        for (GroupLink link : links) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("relationship", link.relationship().value());
            attributes.put("source", GroupMembership.DIRECT.equals(source) ? "direct"
                    : GroupMembership.DYNAMIC.equals(source) ? "dynamicMembership" : "accessPackageAssignment");
            if (!GroupMembership.DIRECT.equals(source) && !GroupMembership.DYNAMIC.equals(source)) {
                attributes.put("assignmentId", source);
            }
            DirectoryChanged payload = new DirectoryChanged(memberId, link.groupId(), attributes);
            events.add(new Outbox.Pending(Topics.DIRECTORY_EVENTS, type, memberId.toString(), payload));
        }
        return events;
    }
}
