package dev.tessera.provisioning.application;

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

/** Directory events for app role assignments. Call inside the transaction that made the change. */
@ApplicationScoped
public class AppRoleAssignmentEvents {

    @Inject
    Outbox outbox;

    public Uni<Void> added(AppRoleAssignment assignment) {
        return publish(DirectoryEventTypes.APP_ROLE_ASSIGNMENT_ADDED, assignment);
    }

    public Uni<Void> removed(List<AppRoleAssignment> assignments) {
        // One session: the writes run one after the other, never concurrently.
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AppRoleAssignment assignment : assignments) {
            chain = chain.chain(() -> publish(DirectoryEventTypes.APP_ROLE_ASSIGNMENT_REMOVED, assignment));
        }
        return chain;
    }

    private Uni<Void> publish(String type, AppRoleAssignment assignment) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("appRoleAssignmentId", assignment.id.toString());
        attributes.put("resourceId", assignment.resourceId.toString());
        attributes.put("appRoleId", assignment.appRoleId.toString());
        attributes.put("principalType", assignment.principalType.name());
        return outbox.publish(Topics.DIRECTORY_EVENTS, type, assignment.principalId.toString(),
                new DirectoryChanged(assignment.principalId, null, attributes));
    }
}
