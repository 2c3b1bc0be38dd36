package dev.tessera.platform.graph;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Path and query parameters ({@code /users/%00}, a NUL in a {@code $filter} literal) are refused with a
 * 400 naming the parameter when they hold a control character Tessera never stores ({@link GraphText}),
 * before any API method or the database sees them. Runs after {@link GraphPermissionFilter}, so an
 * unauthenticated or unpermitted caller still gets its 401 or 403.
 */
public class GraphInputFilter {

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void check(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        check(uri.getPathParameters(), "path parameter");
        check(uri.getQueryParameters(), "query parameter");
    }

    private static void check(MultivaluedMap<String, String> parameters, String kind) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            boolean bad = GraphText.hasControlCharacter(name);
            for (String value : parameter.getValue()) {
                bad |= value != null && GraphText.hasControlCharacter(value);
            }
            if (bad) {
                String shown = GraphText.hasControlCharacter(name) ? "(name with a control character)" : name;
                throw GraphException.invalidField(shown, "The " + kind + " '" + shown + "' contains a control "
                        + "character (U+0000 to U+001F other than tab, carriage return and line feed), which is "
                        + "not allowed.");
            }
        }
    }
}
