package dev.tessera.pim.directory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.RemoteErrors;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Users, groups and group memberships of the directory (provisioning-service), asked with the
 * service token (PIM has authorized its caller already): approvers named in a policy must exist, a group principal must be a group
 * that can hold roles, and a user sees (and activates) what their groups are eligible for. A 404 is
 * an answer; an outage is a failure (retried, then a 503 to the caller through RemoteErrors).
 */
@ApplicationScoped
public class Directory {

    /** What PIM needs to know of a group. */
    public record Group(UUID id, String displayName, Boolean isAssignableToRole) {
    }

    @Inject
    @RestClient
    DirectoryClient client;

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, abortOn = DirectoryRefused.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = DirectoryRefused.class)
    public Uni<Boolean> userExists(UUID id) {
        return client.user(id.toString())
                .map(user -> true)
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(false)
                .onFailure(DirectoryRefused::isRefusal).transform(DirectoryRefused::of);
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, abortOn = DirectoryRefused.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = DirectoryRefused.class)
    public Uni<Optional<Group>> group(UUID id) {
        return client.group(id.toString())
                .map(group -> Optional.of(new Group(id, group.path("displayName").asText(null),
                        group.path("isAssignableToRole").isBoolean() ? group.path("isAssignableToRole").asBoolean() : null)))
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(Optional.empty())
                .onFailure(DirectoryRefused::isRefusal).transform(DirectoryRefused::of);
    }

    /** Whether a service principal (Tessera's application object) with this id exists. */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, abortOn = DirectoryRefused.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = DirectoryRefused.class)
    public Uni<Boolean> servicePrincipalExists(UUID id) {
        return client.servicePrincipal(id.toString())
                .map(principal -> true)
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(false)
                .onFailure(DirectoryRefused::isRefusal).transform(DirectoryRefused::of);
    }

    /** Ids of the groups the user is a member of (provisioning's memberOf; groups do not nest there). */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, abortOn = DirectoryRefused.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = DirectoryRefused.class)
    public Uni<Set<UUID>> groupIds(UUID userId) {
        return client.memberOf(userId.toString(), 999)
                .map(page -> {
                    Set<UUID> ids = new HashSet<>();
                    page.path("value").forEach(g -> {
                        String type = g.path("@odata.type").asText("#microsoft.graph.group");
                        if (type.toLowerCase(Locale.ROOT).endsWith("group")) {
                            ids.add(UUID.fromString(g.path("id").asText()));
                        }
                    });
                    return Set.copyOf(ids);
                })
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(Set.of())
                .onFailure(DirectoryRefused::isRefusal).transform(DirectoryRefused::of);
    }
}
