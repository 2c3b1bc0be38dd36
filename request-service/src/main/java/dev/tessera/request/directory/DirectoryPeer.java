package dev.tessera.request.directory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.RemoteErrors;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * provisioning-service's directory read over HTTP; 404 is a value, not a failure. Only
 * {@link DirectoryService} calls it, for what request-service's own {@code DirectoryView} cannot answer.
 */
@ApplicationScoped
public class DirectoryPeer {

    @Inject
    @RestClient
    DirectoryClient client;

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Optional<JsonNode>> user(UUID id) {
        return client.user(id.toString())
                .map(Optional::of)
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(Optional.empty());
    }

    /** Ids of the groups the user is a direct member of. */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Set<String>> groupIds(UUID userId) {
        return client.memberOf(userId.toString(), 999)
                .map(page -> {
                    Set<String> ids = new HashSet<>();
                    // memberOf also lists the directory roles the user holds (#microsoft.graph.directoryRole)
                    page.path("value").forEach(g -> {
                        if (g.path("@odata.type").asText("#microsoft.graph.group").toLowerCase().endsWith("group")) {
                            ids.add(g.path("id").asText().toLowerCase());
                        }
                    });
                    return ids;
                })
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(Set.of());
    }

    /** The user's manager's object id, if the directory knows one. */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Optional<UUID>> manager(UUID userId) {
        return client.manager(userId.toString())
                .map(manager -> Optional.ofNullable(manager.path("id").asText(null)).map(UUID::fromString))
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(Optional.empty());
    }

    /** Object ids of the group's direct members (the first 999; approver groups are small). */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Set<UUID>> groupMembers(UUID groupId) {
        return client.members(groupId.toString(), 999)
                .map(page -> {
                    Set<UUID> ids = new HashSet<>();
                    page.path("value").forEach(m -> ids.add(UUID.fromString(m.path("id").asText())));
                    return ids;
                })
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(Set.of());
    }
}
