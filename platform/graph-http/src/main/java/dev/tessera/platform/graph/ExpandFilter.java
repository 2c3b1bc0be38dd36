package dev.tessera.platform.graph;

import dev.tessera.platform.graph.query.ExpandItem;
import dev.tessera.platform.graph.query.QueryOptions;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, on every Graph path, an {@code $expand} (also {@code expand}, any case) of a navigation
 * property the method does not serve ({@link Expandable}), with 400 {@code invalidRequest} naming it;
 * also enforces the depth and item limits of {@code $expand} where the method never reads it.
 */
public class ExpandFilter {

    @ServerRequestFilter(priority = Priorities.USER + 120)
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            String name = parameter.getKey() == null ? "" : parameter.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals("$expand") && !name.equals("expand")) {
                continue;
            }
            if (parameter.getValue().size() != 1) {
                throw GraphException.badRequest("Query option '$expand' is specified more than once.");
            }
            List<ExpandItem> items = QueryOptions.parse(Map.of("$expand", parameter.getValue())).expand();
            Expandable allowed = allowed(resource);
            for (ExpandItem item : items) {
                if (allowed == null) {
                    throw GraphException.badRequest("Invalid $expand: '" + item.name() + "' is not a navigation "
                            + "property here; nothing can be expanded on this resource.");
                }
                if (Arrays.stream(allowed.value()).noneMatch(n -> n.equalsIgnoreCase(item.name()))) {
                    throw GraphException.badRequest("Invalid $expand: '" + item.name() + "' is not a navigation "
                            + "property of " + allowed.type() + "; expandable: " + String.join(", ", allowed.value()) + ".");
                }
            }
        }
    }

    private static Expandable allowed(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        Expandable onMethod = method.getAnnotation(Expandable.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(Expandable.class);
    }
}
