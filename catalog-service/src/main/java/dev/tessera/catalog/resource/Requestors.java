package dev.tessera.catalog.resource;

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

/** What the directory knows about a requestor (user type, group memberships), asked with their own token. */
@ApplicationScoped
public class Requestors {

    /** A requestor as policies see them. */
    public record Requestor(UUID id, String userType, Set<String> groupIds) {
    }

    @Inject
    @RestClient
    DirectoryClient directory;

    /** The requestor, or empty when they are not in the directory. */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Optional<Requestor>> find(UUID id, boolean withGroups, String bearerToken) {
        String authorization = "Bearer " + bearerToken;
        return directory.user(id.toString(), authorization).chain(user -> {
            String userType = user.path("userType").asText("Member");
            if (!withGroups) {
                return Uni.createFrom().item(Optional.of(new Requestor(id, userType, Set.of())));
            }
            return directory.memberOf(id.toString(), 999, authorization).map(groups -> {
                Set<String> ids = new HashSet<>();
                for (JsonNode group : groups.path("value")) {
                    ids.add(group.path("id").asText().toLowerCase(Locale.ROOT));
                }
                return Optional.of(new Requestor(id, userType, ids));
            });
        }).onFailure(RemoteErrors::isNotFound).recoverWithItem(Optional.empty());
    }
}
