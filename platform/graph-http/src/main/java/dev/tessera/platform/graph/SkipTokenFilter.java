package dev.tessera.platform.graph;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A {@code $skiptoken} (also {@code skiptoken}, any case, as {@code QueryOptions} reads it) must be one
 * Tessera issued for the list it is sent to ({@link PageToken#check}), on every path — a list that never
 * pages, or a single entity, has issued none — instead of being ignored or read as a position. Runs after
 * {@link GraphPermissionFilter} and {@link GraphInputFilter}.
 */
public class SkipTokenFilter {

    @ServerRequestFilter(priority = Priorities.USER + 110)
    public void check(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
            String name = parameter.getKey() == null ? "" : parameter.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals("$skiptoken") && !name.equals("skiptoken")) {
                continue;
            }
            for (String token : parameter.getValue()) {
                if (token != null && !token.isBlank()) {
                    PageToken.check(uri.getPath(), token);
                }
            }
        }
    }
}
