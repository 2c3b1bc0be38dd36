package dev.tessera.platform.graph;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies {@link Throttle} to every request an API serves, before {@link GraphPermissionFilter}: the
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
    Caller caller;

    @Inject
    Throttle throttle;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> throttle(ContainerRequestContext request, HttpServerRequest http) {
        if (!throttle.enabled()) {
            return Uni.createFrom().voidItem();
        }
        boolean write = Throttle.isWrite(request.getMethod());
        return identities.getDeferredIdentity().onItemOrFailure().transformToUni((identity, failure) -> {
            String key = failure == null ? callerKey(identity) : null;
            if (key == null) {
                key = "ip " + address(http);
            }
            if (!key.isEmpty()) {
                throttle.take(key, write);
            }
            // an invalid token fails as it would have without the throttle (401 from the mappers)
            return failure == null ? Uni.createFrom().voidItem() : Uni.createFrom().failure(failure);
        });
    }

    /** "user oid", "app id", "" for a service (exempt), or null when there is no usable identity. */
    private String callerKey(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !caller.isAuthenticated()) {
            return null;
        }
        if (caller.isService()) {
            return "";
        }
        if (caller.isAppOnly()) {
            return caller.appId().map(id -> "app " + id).orElse(null);
        }
        try {
            return "user " + caller.objectId();
        } catch (GraphException noOid) {
            return null;
        }
    }

    private static String address(HttpServerRequest http) {
        SocketAddress address = http.remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }
}
