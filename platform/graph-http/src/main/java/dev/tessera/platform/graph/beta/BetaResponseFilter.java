package dev.tessera.platform.graph.beta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The beta edge, outbound: the v1.0 answer to a beta request ({@link BetaRequestFilter}) in beta shape —
 * the entity, or every item of a collection's {@code value}, through {@link BetaMapping#entityToBeta};
 * {@code @odata.context}, {@code @odata.nextLink} and {@code Location} on {@code /beta} with beta segment
 * names. Error bodies pass unchanged.
 */
public class BetaResponseFilter {

    @Inject
    BetaMappings mappings;

    @Inject
    ObjectMapper mapper;

    @ServerResponseFilter
    public void rewrite(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(BetaRequestFilter.MAPPING) instanceof BetaMapping mapping)) {
            return;
        }
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location != null) {
            response.getHeaders().putSingle(HttpHeaders.LOCATION, link(location.toString()));
        }
        if (response.getStatus() >= 400 || !response.hasEntity()) {
            return;
        }
        JsonNode tree = response.getEntity() instanceof JsonNode json ? json : mapper.valueToTree(response.getEntity());
        if (!(tree instanceof ObjectNode body) || body.has("error")) {
            return;
        }
        ObjectNode beta = toBeta(mapping, body);
        if (request.getProperty(BetaRequestFilter.BETA_URI) instanceof java.net.URI sent && beta.hasNonNull("@odata.nextLink")) {
            beta.put("@odata.nextLink", nextLink(body.get("@odata.nextLink").asText(), sent));
        }
        if (request.getProperty(BetaRequestFilter.ADDED_EXPAND) instanceof java.util.List<?> added && !added.isEmpty()) {
            dropAddedExpansions(mapping, beta, added);
        }
        if (response.getStatus() == 201 && request.getProperty(BetaRequestFilter.BETA_BODY) instanceof ObjectNode sent) {
            echoReferences(sent, beta);
        }
        response.setEntity(beta);
    }

    /**
     * The next page's link as the caller wrote the request: its beta path and beta query options, with the
     * {@code $skiptoken} v1.0 issued (sealed for the v1.0 path the beta path is rewritten to again).
     */
    static String nextLink(String v1Link, java.net.URI sent) {
        int at = v1Link.indexOf(BetaMappings.V1 + "/");
        java.net.URI link = java.net.URI.create(v1Link);
        String token = null;
        for (String pair : link.getRawQuery() == null ? new String[0] : link.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
            if (name.equalsIgnoreCase("$skiptoken") || name.equalsIgnoreCase("skiptoken")) {
                token = java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        if (at < 0 || token == null) {
            return v1Link;
        }
        return dev.tessera.platform.graph.NextLinks.withSkipToken(v1Link.substring(0, at), sent, token);
    }

    /** The navigation properties only the edge asked v1.0 to expand, removed again (under either name). */
    static void dropAddedExpansions(BetaMapping mapping, ObjectNode beta, java.util.List<?> added) {
        java.util.List<ObjectNode> items = new java.util.ArrayList<>();
        if (beta.get("value") instanceof ArrayNode values && !isEntity(beta)) {
            values.forEach(v -> {
                if (v instanceof ObjectNode o) {
                    items.add(o);
                }
            });
        } else {
            items.add(beta);
        }
        for (Object navigation : added) {
            java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of(navigation.toString()));
            mapping.properties().forEach((b, v) -> {
                if (v.equalsIgnoreCase(navigation.toString())) {
                    names.add(b);
                }
            });
            for (ObjectNode item : items) {
                names.forEach(item::remove);
            }
        }
    }

    /**
     * A create answer holds what v1.0 answers; the ids beta shows for references ({@code catalogId},
     * {@code accessPackageId}…) that v1.0 does not answer on create are the ones the caller sent: echoed.
     */
    static void echoReferences(ObjectNode sent, ObjectNode beta) {
        sent.fields().forEachRemaining(field -> {
            String name = BetaJson.camel(field.getKey());
            if (name.endsWith("Id") && field.getValue().isTextual() && BetaJson.get(beta, name) == null) {
                beta.put(name, field.getValue().asText().trim());
            }
        });
    }

    ObjectNode toBeta(BetaMapping mapping, ObjectNode body) {
        ObjectNode out;
        if (body.get("value") instanceof ArrayNode values && !isEntity(body)) {
            out = body.deepCopy();
            ArrayNode items = out.putArray("value");
            for (JsonNode item : values) {
                items.add(item instanceof ObjectNode o ? mapping.entityToBeta(o.deepCopy()) : item);
            }
        } else {
            out = mapping.entityToBeta(body.deepCopy());
        }
        rewriteLink(out, body, "@odata.context");
        rewriteLink(out, body, "@odata.nextLink");
        return out;
    }

    private static boolean isEntity(ObjectNode body) {
        return body.path("@odata.context").asText("").endsWith("/$entity");
    }

    private void rewriteLink(ObjectNode out, ObjectNode v1, String name) {
        JsonNode link = v1.get(name);
        if (link != null && link.isTextual()) {
            out.put(name, link(link.asText()));
        }
    }

    /** {@code …/v1.0/$metadata#identityGovernance/…/catalogs} → {@code …/beta/$metadata#…/accessPackageCatalogs}. */
    String link(String v1Link) {
        int at = v1Link.indexOf(BetaMappings.V1 + "/");
        if (at < 0) {
            return v1Link;
        }
        String head = v1Link.substring(0, at) + BetaMappings.BETA;
        String tail = v1Link.substring(at + BetaMappings.V1.length());
        int query = tail.indexOf('?');
        String path = query < 0 ? tail : tail.substring(0, query);
        String rest = query < 0 ? "" : tail.substring(query);
        int hash = path.indexOf('#');
        if (hash >= 0) {
            return head + path.substring(0, hash + 1) + mappings.segmentsToBeta(path.substring(hash + 1)) + rest;
        }
        return head + mappings.segmentsToBeta(path) + rest;
    }
}
