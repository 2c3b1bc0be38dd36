package dev.tessera.request.subject;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.request.automatic.DirectoryView;
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
    Peer peer;

    @Inject
    DirectoryView view;

    /**
     * A live user with that mail in request-service's own directory view, with no peer call; else
     * provisioning-service's answer (the view may not have read the user's events yet).
     */
    public Uni<Optional<UUID>> find(String email) {
        return view.userByMail(email).chain(known -> known.isPresent() ? Uni.createFrom().item(known)
                : peer.find(email));
    }

    /** provisioning-service's {@code GET users?$filter=tolower(mail) eq '…'}. */
    @ApplicationScoped
    static class Peer {

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
}
