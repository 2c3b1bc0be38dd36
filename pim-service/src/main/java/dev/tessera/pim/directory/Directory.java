package dev.tessera.pim.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.RemoteErrors;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    /**
     * The directory object a role is assigned to, as the directory shows it (a user, else a group),
     * with its {@code @odata.type}; empty when it is neither ({@code $expand=principal}).
     */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, abortOn = DirectoryRefused.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = DirectoryRefused.class)
    public Uni<Optional<ObjectNode>> principal(UUID id) {
        return client.user(id.toString()).map(user -> typed(user, "#microsoft.graph.user"))
                .onFailure(RemoteErrors::isNotFound).recoverWithUni(() -> client.group(id.toString())
                        .map(group -> typed(group, "#microsoft.graph.group"))
                        .onFailure(RemoteErrors::isNotFound).recoverWithItem(Optional.empty()))
                .onFailure(DirectoryRefused::isRefusal).transform(DirectoryRefused::of);
    }

    private static Optional<ObjectNode> typed(JsonNode object, String type) {
        if (!(object instanceof ObjectNode node)) {
            return Optional.empty();
        }
        ObjectNode copy = node.deepCopy();
        copy.remove("@odata.context");
        if (!copy.has("@odata.type")) {
            ObjectNode typed = copy.objectNode().put("@odata.type", type);
            typed.setAll(copy);
            return Optional.of(typed);
        }
        return Optional.of(copy);
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

    /**
     * Ids of the group's members (provisioning's {@code /groups/{id}/members}, every page; members are
     * users there — groups do not nest). A group that does not exist has none.
     */
    @Timeout(10000)
    @Retry(maxRetries = 2, delay = 100, abortOn = DirectoryRefused.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = DirectoryRefused.class)
    public Uni<List<UUID>> memberIds(UUID groupId) {
        return page(groupId, null, new ArrayList<>())
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(List.of())
                .onFailure(DirectoryRefused::isRefusal).transform(DirectoryRefused::of);
    }

    private Uni<List<UUID>> page(UUID groupId, String skipToken, List<UUID> found) {
        return client.members(groupId.toString(), 999, skipToken).chain(page -> {
            page.path("value").forEach(m -> {
                String type = m.path("@odata.type").asText("#microsoft.graph.user");
                if (type.toLowerCase(Locale.ROOT).endsWith("user")) {
                    found.add(UUID.fromString(m.path("id").asText()));
                }
            });
            String next = skipToken(page.path("@odata.nextLink").asText(null));
            return next == null ? Uni.createFrom().item(List.copyOf(found)) : page(groupId, next, found);
        });
    }

    private static String skipToken(String nextLink) {
        if (nextLink == null) {
            return null;
        }
        for (String part : nextLink.substring(nextLink.indexOf('?') + 1).split("&")) {
            int eq = part.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
            if (name.equalsIgnoreCase("$skiptoken") && eq > 0) {
                return java.net.URLDecoder.decode(part.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
