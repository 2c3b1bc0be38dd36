package dev.tessera.platform.graph;

import dev.tessera.common.ServiceIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bearer token a service sends when it calls another without a user's token to pass on
 * ({@value ServiceIdentity#TOKEN_PROPERTY}, env {@value ServiceIdentity#TOKEN_ENV}; see
 * {@link ServiceIdentity}). The local stack and the test support mint it; on Kubernetes it comes
 * from a Secret. Read once at start: a renewed token needs a restart.
 */
@ApplicationScoped
public class ServiceToken {

    @ConfigProperty(name = ServiceIdentity.TOKEN_PROPERTY)
    Optional<String> configured;

    public boolean isConfigured() {
        return token().isPresent();
    }

    /** The {@code Authorization} header value; fails, naming the setting, when none is configured. */
    public String authorization() {
        return "Bearer " + token().orElseThrow(() -> new IllegalStateException("No service token: set "
                + ServiceIdentity.TOKEN_PROPERTY + " (env " + ServiceIdentity.TOKEN_ENV + ")"));
    }

    private Optional<String> token() {
        return configured.map(ServiceToken::bare).filter(t -> !t.isEmpty());
    }

    /** A Secret made from a file keeps its final newline, and some paste the header's "Bearer " too. */
    static String bare(String configured) {
        String trimmed = configured.strip();
        return trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? trimmed.substring(7).strip() : trimmed;
    }
}
