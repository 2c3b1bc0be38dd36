package dev.tessera.catalog.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.em.GuestDomain;
import dev.tessera.platform.em.PolicyEvaluator;
import dev.tessera.platform.em.PolicyView;
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
 * What the directory knows about a requestor (user type, group memberships, a guest's domain), asked
 * with the service token.
 */
@ApplicationScoped
public class Requestors {

    /**
     * A requestor as policies see them; {@code guestDomain} is the domain a guest's connected
     * organization is found by (see {@link GuestDomain}), null for members and guests without one.
     */
    public record Requestor(UUID id, String userType, Set<String> groupIds, String guestDomain, boolean external) {

        public Requestor(UUID id, String userType, Set<String> groupIds, String guestDomain) {
            this(id, userType, groupIds, guestDomain, false);
        }

        public boolean guest() {
            return "guest".equalsIgnoreCase(userType);
        }

        /**
         * Whether a policy may offer self-add to this requestor: anyone in the directory, and someone
         * outside it ({@link #external}) only under a scope for people outside the organization — the
         * rule request-service applies to an external person's userAdd by their email.
         */
        public boolean mayAskUnder(PolicyView policy) {
            return !external || PolicyEvaluator.admitsExternal(policy);
        }
    }

    /**
     * Someone not in the directory who signed in with an address (a partner's user with their home
     * account; the token's {@code email}, see {@code Caller#email()}): judged as a guest of the
     * address's domain, with no groups. Empty without a usable address.
     */
    public static Optional<Requestor> external(UUID id, Optional<String> email) {
        return email.flatMap(address -> GuestDomain.of(address, null))
                .map(domain -> new Requestor(id, "Guest", Set.of(), domain, true));
    }

    /** {@link #find}, else — not in the directory — {@link #external} by the token's address. */
    public Uni<Optional<Requestor>> findOrExternal(UUID id, Optional<String> email, boolean withGroups) {
        return find(id, withGroups)
                .map(found -> found.isPresent() ? found : external(id, email));
    }

    @Inject
    @RestClient
    DirectoryClient directory;

    /** The requestor, or empty when they are not in the directory. */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Optional<Requestor>> find(UUID id, boolean withGroups) {
        return directory.user(id.toString()).chain(user -> {
            String userType = user.path("userType").asText("Member");
            String guestDomain = "guest".equalsIgnoreCase(userType) ? GuestDomain.of(user.path("mail").asText(null),
                    user.path("userPrincipalName").asText(null)).orElse(null) : null;
            if (!withGroups) {
                return Uni.createFrom().item(Optional.of(new Requestor(id, userType, Set.of(), guestDomain)));
            }
            return directory.memberOf(id.toString(), 999).map(groups -> {
                Set<String> ids = new HashSet<>();
                for (JsonNode group : groups.path("value")) {
                    // memberOf also lists the directory roles the user holds (#microsoft.graph.directoryRole)
                    if (!group.path("@odata.type").asText("#microsoft.graph.group").toLowerCase(Locale.ROOT)
                            .endsWith("group")) {
                        continue;
                    }
                    ids.add(group.path("id").asText().toLowerCase(Locale.ROOT));
                }
                return Optional.of(new Requestor(id, userType, ids, guestDomain));
            });
        }).onFailure(RemoteErrors::isNotFound).recoverWithItem(Optional.empty());
    }
}
