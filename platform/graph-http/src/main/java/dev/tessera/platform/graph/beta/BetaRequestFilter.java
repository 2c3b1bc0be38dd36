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
        try {
            URI v1 = new URI(uri.getScheme() + "://" + uri.getRawAuthority() + translated.v1Path()
                    + (query == null ? "" : "?" + query));
            request.setProperty(MAPPING, translated.mapping());
            request.setRequestUri(v1);
        } catch (URISyntaxException e) {
            throw BetaMappings.notServed(rawPath);
        }
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
