package dev.tessera.platform.graph;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The token check every service makes before any API method runs, in one place:
 * <ul>
 * <li>{@code /v1.0/…} (Graph): the token must hold a permission of the path's family in
 * {@link GraphPermissions} — a delegated token as a scope ({@code scp}), an app-only token as an
 * application permission ({@code roles}); a path no family covers is denied. The API then checks the
 * caller's role.</li>
 * <li>{@code /internal/…}: only a Tessera service's token ({@link Caller#isService()}); never a user's.</li>
 * <li>any other path an API serves is denied.</li>
 * </ul>
 * No token (or an invalid one: bad signature, issuer, audience, expired) is a 401
 * {@code InvalidAuthenticationToken}; a token without the permission a 403
 * {@code Authorization_RequestDenied}, both as Graph error bodies.
 */
public class GraphPermissionFilter {

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    Caller caller;

    @ServerRequestFilter
    public Uni<Void> check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String method = request.getMethod();
        // Authentication is lazy (quarkus.http.auth.proactive=false): ask for the identity, so an invalid
        // token fails here (the exception mappers answer 401) before any permission is looked at.
        return identities.getDeferredIdentity().invoke(identity -> decide(identity, method, path)).replaceWithVoid();
    }

    private void decide(SecurityIdentity identity, String method, String path) {
        if (identity == null || identity.isAnonymous() || !caller.isAuthenticated()) {
            throw new UnauthorizedException();
        }
        if (isInternal(path)) {
            if (!caller.isService()) {
                throw denied();
            }
            return;
        }
        Optional<GraphPermissions.Required> required = GraphPermissions.required(method, path);
        if (required.isEmpty()) {
            throw denied();
        }
        boolean self = !caller.isAppOnly() && GraphPermissions.targetsSelf(path, objectIdOrNull());
        if (!required.get().allows(caller.grantedPermissions(), self)) {
            throw denied();
        }
    }

    private String objectIdOrNull() {
        try {
            return caller.objectId().toString();
        } catch (GraphException e) {
            return null;
        }
    }

    static boolean isInternal(String path) {
        return path.equals("/internal") || path.startsWith("/internal/");
    }

    static GraphException denied() {
        return new GraphException(403, GraphPermissions.DENIED_CODE, GraphPermissions.DENIED_MESSAGE);
    }
}
