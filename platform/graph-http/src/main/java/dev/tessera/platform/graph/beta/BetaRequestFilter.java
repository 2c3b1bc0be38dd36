package dev.tessera.platform.graph.beta;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The beta edge, inbound (docs/beta.md): before any resource is matched, a
 * {@code /beta/identityGovernance/entitlementManagement/…} request becomes the v1.0 request the service
 * serves — path segment by segment and the property paths of {@code $filter}, {@code $orderby},
 * {@code $select} and {@code $expand} through the {@link BetaMapping} beans; the body is rewritten by
 * {@link BetaBodyInterceptor} when the endpoint reads it. Every later filter (authentication, permissions,
 * input checks) and the endpoint see only the v1.0 request, so authorization, validation and errors are
 * v1.0's. {@link BetaResponseFilter} turns the answer back into beta. Any other {@code /beta} path is a 404
 * Graph error naming it.
 */
public class BetaRequestFilter {

    /** Request property: the {@link BetaMapping} of a request that arrived as beta. */
    public static final String MAPPING = BetaRequestFilter.class.getName() + ".mapping";
    /** Request property: the v1.0 navigation properties the edge added to {@code $expand} ({@link #reads}). */
    public static final String ADDED_EXPAND = BetaRequestFilter.class.getName() + ".addedExpand";
    /** Request property: the request URI as the caller sent it, for {@code @odata.nextLink}. */
    public static final String BETA_URI = BetaRequestFilter.class.getName() + ".betaUri";
    /** Request property: the beta body as sent ({@link BetaBodyInterceptor}). */
    public static final String BETA_BODY = BetaRequestFilter.class.getName() + ".betaBody";

    @Inject
    BetaMappings mappings;

    @ServerRequestFilter(preMatching = true)
    public void rewrite(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String rawPath = uri.getRawPath();
        if (rawPath == null || !(rawPath.equals(BetaMappings.BETA) || rawPath.startsWith(BetaMappings.BETA + "/"))) {
            return;
        }
        BetaMappings.Translated translated = mappings.toV1(rawPath);
        String query = query(uri.getRawQuery(), translated.mapping());
        if ("GET".equalsIgnoreCase(request.getMethod()) && addressesTheSet(translated.v1Path(), translated.mapping())) {
            List<String> added = new ArrayList<>();
            query = withReferences(query, translated.mapping(), added);
            request.setProperty(ADDED_EXPAND, added);
        }
        try {
            URI v1 = new URI(uri.getScheme() + "://" + uri.getRawAuthority() + translated.v1Path()
                    + (query == null ? "" : "?" + query));
            request.setProperty(MAPPING, translated.mapping());
            request.setProperty(BETA_URI, uri);
            request.setRequestUri(v1);
        } catch (URISyntaxException e) {
            throw BetaMappings.notServed(rawPath);
        }
    }

    /** The path ends at the mapping's collection or one of its items, not at something below an item. */
    private static boolean addressesTheSet(String v1Path, BetaMapping mapping) {
        String[] segments = v1Path.split("/");
        int n = segments.length;
        return segments[n - 1].equals(mapping.v1Segment()) || (n >= 2 && segments[n - 2].equals(mapping.v1Segment()));
    }

    /**
     * The references beta shows as ids ({@code catalogId} ↔ {@code catalog/id}, {@code accessPackageId} ↔
     * {@code accessPackage/id}) are navigation properties in v1.0, present only when expanded: a beta read
     * expands them in v1.0 (unless asked already), so that {@link BetaMapping#entityToBeta} can show the id;
     * {@link BetaResponseFilter} drops the expansion the caller did not ask for.
     */
    static String withReferences(String rawQuery, BetaMapping mapping, List<String> added) {
        List<String> navigations = new ArrayList<>();
        for (java.util.Map.Entry<String, String> p : mapping.properties().entrySet()) {
            String beta = p.getKey();
            String v1 = p.getValue();
            if (beta.toLowerCase(java.util.Locale.ROOT).endsWith("id") && v1.endsWith("/id")
                    && v1.indexOf('/') == v1.length() - 3) {
                navigations.add(v1.substring(0, v1.length() - 3));
            }
        }
        if (navigations.isEmpty()) {
            return rawQuery;
        }
        List<String> parts = new ArrayList<>();
        String expand = null;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if ((lower.equals("$expand") || lower.equals("expand")) && expand == null) {
                    expand = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } else {
                    parts.add(pair);
                }
            }
        }
        List<String> items = new ArrayList<>(topLevel(expand == null ? "" : expand));
        for (String navigation : navigations) {
            boolean present = items.stream().anyMatch(i -> i.trim().split("\\(", 2)[0].trim().equalsIgnoreCase(navigation));
            if (!present) {
                items.add(navigation);
                added.add(navigation);
            }
        }
        parts.add("%24expand=" + encode(String.join(",", items)));
        return String.join("&", parts);
    }

    private static List<String> topLevel(String expand) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < expand.length(); i++) {
            char c = expand.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                items.add(expand.substring(start, i));
                start = i + 1;
            }
        }
        if (start < expand.length()) {
            items.add(expand.substring(start));
        }
        items.removeIf(String::isBlank);
        return items;
    }

    private String query(String raw, BetaMapping mapping) {
        if (raw == null || raw.isEmpty()) {
            return raw;
        }
        List<String> parts = new ArrayList<>();
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                parts.add(pair);
                continue;
            }
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            String renamed = mappings.option(mapping, name, value);
            parts.add(renamed.equals(value) ? pair : pair.substring(0, eq) + "=" + encode(renamed));
        }
        return String.join("&", parts);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
