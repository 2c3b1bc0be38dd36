package dev.tessera.platform.graph;

import dev.tessera.common.ServiceIdentity;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies {@link Throttle} to every request for the APIs, before any security check: the
 * caller is the verified token's user ({@code oid}) for a delegated token, its application
 * ({@code appid}/{@code azp}) for an app-only one, and the client's address (as forwarded by a trusted
 * proxy) when there is no valid token — so a flood of bad tokens is throttled too. A Tessera service's
 * own token (the calls between services) is exempt: those calls are caused by requests already
 * throttled at the service that makes them, and a peer's 429 would turn into a 503 there.
 */
public class ThrottleFilter {

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    Throttle throttle;

    /** Pre-matching: before the endpoint's own security check ({@code @Authenticated}) can answer 401. */
    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Void> throttle(ContainerRequestContext request, HttpServerRequest http) {
        if (!throttle.enabled()) {
            return Uni.createFrom().voidItem();
        }
        boolean write = Throttle.isWrite(request.getMethod());
        return identities.getDeferredIdentity().onItemOrFailure().transformToUni((identity, failure) -> {
            String key = failure == null ? callerKey(identity) : null;
            try {
                if (!SERVICE.equals(key)) {
                    throttle.take(key != null ? key : "ip " + address(http), write);
                }
            } catch (Throttle.Throttled throttled) {
                return Uni.createFrom().failure(throttled);
            }
            // an invalid token fails as it would have without the throttle (401 from the mappers)
            return failure == null ? Uni.createFrom().voidItem() : Uni.createFrom().failure(failure);
        });
    }

    /**
     * "user oid" for a delegated token, "app id" for an app-only one, or null when there is no valid token.
     * {@link #SERVICE} for a Tessera service's own token, which is exempt.
     */
    static String callerKey(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getRawToken() == null) {
            return null;
        }
        if (jwt.getClaim("scp") == null) { // app-only, as Caller#isAppOnly
            if (Caller.claimValues(jwt, "roles").contains(ServiceIdentity.INTERNAL_PERMISSION)) { // Caller#isService
                return SERVICE;
            }
            for (String claim : new String[] {"appid", "azp", "oid"}) {
                String id = text(jwt.getClaim(claim));
                if (id != null) {
                    return "app " + id;
                }
            }
            return null;
        }
        String oid = text(jwt.getClaim("oid"));
        return oid == null ? null : "user " + oid;
    }

    /** The key of a service's own token: never throttled. */
    static final String SERVICE = "";

    private static String text(Object claim) {
        String text = claim == null ? null : GraphClaims.text(claim).trim();
        return text == null || text.isEmpty() ? null : text;
    }

    private static String address(HttpServerRequest http) {
        SocketAddress address = http.remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }
}
