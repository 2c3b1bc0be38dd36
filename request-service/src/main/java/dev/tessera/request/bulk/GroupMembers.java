package dev.tessera.request.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.RemoteErrors;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * All user members of a group (direct members; nested groups are not expanded), following
 * {@code @odata.nextLink}; an unknown group is an empty {@link Optional}, not a failure. Pages are as
 * large as Graph allows and carry only the ids ({@code $select=id}; {@code @odata.type} always comes
 * along): 10,000 members are 11 calls of small pages, not 10,000 user objects.
 */
@ApplicationScoped
public class GroupMembers {

    static final int PAGE = 999;

    /** Only what the job needs of each member; the type is kept by every {@code $select}. */
    static final String SELECT = "id";

    @Inject
    @RestClient
    GroupMembersClient client;

    public Uni<Optional<Set<UUID>>> users(UUID groupId) {
        Set<UUID> users = new LinkedHashSet<>();
        return page(groupId, null, users);
    }

    private Uni<Optional<Set<UUID>>> page(UUID groupId, String skipToken, Set<UUID> users) {
        return fetch(groupId, skipToken).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Set<UUID>>empty());
            }
            JsonNode page = found.get();
            page.path("value").forEach(member -> {
                String type = member.path("@odata.type").asText("#microsoft.graph.user");
                if (type.toLowerCase(java.util.Locale.ROOT).endsWith(".user")) {
                    users.add(UUID.fromString(member.path("id").asText()));
                }
            });
            String next = skipToken(page.path("@odata.nextLink").asText(null));
            return next == null ? Uni.createFrom().item(Optional.of(users)) : page(groupId, next, users);
        });
    }

    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    Uni<Optional<JsonNode>> fetch(UUID groupId, String skipToken) {
        return client.members(groupId.toString(), PAGE, SELECT, skipToken)
                .map(Optional::of)
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(Optional.empty());
    }

    static String skipToken(String nextLink) {
        if (nextLink == null || nextLink.isBlank()) {
            return null;
        }
        int query = nextLink.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : nextLink.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equalsIgnoreCase("$skiptoken")) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
