package dev.tessera.platform.graph.beta;

import dev.tessera.platform.graph.query.ExpandItem;
import dev.tessera.platform.graph.query.QueryOptions;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The beta edge, after {@link BetaRequestFilter} rewrote the path and expanded the navigation behind its
 * {@code xxxId} → {@code xxx/id} references: a GET of a beta entity set whose mapping is a {@link BetaV1Expand}
 * (or of one of its entities) also gets the navigation properties it names (e.g. {@code target}, whose beta
 * {@code targetId} is v1.0's {@code target/objectId}) added to the v1.0 {@code $expand}, so
 * {@link BetaMapping#entityToBeta} can show the beta keys read from them; they join
 * {@link BetaRequestFilter#ADDED_EXPAND}, so {@link BetaResponseFilter} drops them again unless the caller asked.
 * Items the caller expanded stay as they are (with their nested options); only GETs of the set or one entity
 * of it, so no v1.0 endpoint sees an {@code $expand} it would refuse.
 */
public class BetaExpandFilter {

    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 1)
    public void expand(ContainerRequestContext request) {
        if (!(request.getProperty(BetaRequestFilter.MAPPING) instanceof BetaMapping mapping)
                || !(mapping instanceof BetaV1Expand expand) || !HttpMethod.GET.equals(request.getMethod())) {
            return;
        }
        URI uri = request.getUriInfo().getRequestUri();
        if (!addressesTheSet(uri.getRawPath(), mapping.v1Segment())) {
            return;
        }
        List<String> added = new ArrayList<>();
        String query = withExpand(uri.getRawQuery(), expand.v1Expand(), added);
        if (added.isEmpty()) {
            return;
        }
        // BetaResponseFilter drops what the edge added and the caller did not ask for
        List<Object> all = new ArrayList<>();
        if (request.getProperty(BetaRequestFilter.ADDED_EXPAND) instanceof List<?> before) {
            all.addAll(before);
        }
        all.addAll(added);
        request.setProperty(BetaRequestFilter.ADDED_EXPAND, all);
        try {
            request.setRequestUri(new URI(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()
                    + (query.isEmpty() ? "" : "?" + query)));
        } catch (URISyntaxException e) {
            // the path was already a valid URI; leave the request as it is
        }
    }

    /** {@code …/assignments} or {@code …/assignments/{id}}, not a navigation beyond it. */
    static boolean addressesTheSet(String v1Path, String v1Segment) {
        String[] parts = v1Path.split("/", -1);
        int n = parts.length;
        return parts[n - 1].equalsIgnoreCase(v1Segment) || (n >= 2 && parts[n - 2].equalsIgnoreCase(v1Segment));
    }

    /** The raw query with every name in {@code always} among the top-level {@code $expand} items. */
    static String withExpand(String rawQuery, List<String> always, List<String> added) {
        List<String> parts = new ArrayList<>();
        String expandValue = null;
        String expandName = "%24expand";
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String lower = name.toLowerCase(Locale.ROOT);
                if (expandValue == null && eq >= 0 && (lower.equals("$expand") || lower.equals("expand"))) {
                    expandName = pair.substring(0, eq);
                    expandValue = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    continue;
                }
                parts.add(pair);
            }
        }
        List<String> present = new ArrayList<>();
        if (expandValue != null && !expandValue.isBlank()) {
            for (ExpandItem item : QueryOptions.parse(Map.of("$expand", List.of(expandValue))).expand()) {
                present.add(item.name().toLowerCase(Locale.ROOT));
            }
        }
        StringBuilder value = new StringBuilder(expandValue == null ? "" : expandValue.strip());
        for (String name : always) {
            if (!present.contains(name.toLowerCase(Locale.ROOT))) {
                value.append(value.length() == 0 ? "" : ",").append(name);
                added.add(name);
            }
        }
        parts.add(expandName + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
        return String.join("&", parts);
    }
}
