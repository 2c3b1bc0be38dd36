package dev.tessera.platform.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shapes Graph responses: {@code @odata.context} (on the public base URL, {@link PublicBaseUrl}),
 * collections with {@code value} and an absolute {@code @odata.nextLink}, and {@code $select}.
 */
@ApplicationScoped
public class GraphJson {

    @Inject
    ObjectMapper mapper;

    public ObjectNode entity(UriInfo uri, String entitySet, Object record) {
        return entity(uri, entitySet, record, List.of());
    }

    public ObjectNode entity(UriInfo uri, String entitySet, Object record, List<String> select) {
        ObjectNode body = mapper.createObjectNode();
        body.put("@odata.context", contextUrl(uri, entitySet) + "/$entity");
        body.setAll(select(tree(record), select));
        return body;
    }

    public ObjectNode collection(UriInfo uri, String entitySet, Collection<?> records, String nextSkipToken) {
        return collection(uri, entitySet, records, nextSkipToken, List.of(), null);
    }

    public ObjectNode collection(UriInfo uri, String entitySet, Collection<?> records, String nextSkipToken,
            List<String> select, Long count) {
        ObjectNode body = mapper.createObjectNode();
        body.put("@odata.context", contextUrl(uri, entitySet));
        if (count != null) {
            body.put("@odata.count", count);
        }
        if (nextSkipToken != null) {
            body.put("@odata.nextLink", NextLinks.withSkipToken(baseUrl(uri), uri.getRequestUri(),
                    PageToken.seal(uri.getPath(), nextSkipToken)));
        }
        ArrayNode values = body.putArray("value");
        for (Object record : records) {
            values.add(select(tree(record), select));
        }
        return body;
    }

    public ObjectNode tree(Object record) {
        JsonNode node = record instanceof JsonNode json ? json : mapper.valueToTree(record);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("Graph entities serialise to JSON objects");
        }
        return object;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public static String contextUrl(UriInfo uri, String entitySet) {
        return baseUrl(uri) + "/v1.0/$metadata#" + entitySet;
    }

    /** The public base URL of links, e.g. {@code http://localhost:8080}: see {@link PublicBaseUrl}. */
    public static String baseUrl(UriInfo uri) {
        return PublicBaseUrl.of(uri);
    }

    /** $select on one Graph object: the named properties (any case), its id and the OData annotations. */
    public static ObjectNode select(ObjectNode node, List<String> select) {
        if (select == null || select.isEmpty()) {
            return node;
        }
        Set<String> keep = select.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        keep.add("id");
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            String name = fields.next().getKey();
            if (!name.startsWith("@odata.") && !keep.contains(name.toLowerCase(Locale.ROOT))) {
                fields.remove();
            }
        }
        return node;
    }
}
