package dev.tessera.request.subject;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Whether someone requested by email is already in the directory (a member, or a guest invited for
 * an earlier assignment): then the request is for that user.
 */
@ApplicationScoped
public class UsersByMail {

    @Inject
    @RestClient
    DirectoryUsersClient client;

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Optional<UUID>> find(String email) {
        // Mail compares case-insensitively; an OData string literal doubles its single quotes.
        String filter = "tolower(mail) eq '" + email.toLowerCase(java.util.Locale.ROOT).replace("'", "''") + "'";
        return client.list(filter, 1).map(page -> {
            JsonNode first = page.path("value").path(0);
            return first.isMissingNode() ? Optional.<UUID>empty() : Optional.of(UUID.fromString(first.path("id").asText()));
        });
    }
}
