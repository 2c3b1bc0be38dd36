package dev.tessera.catalog.extension;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A customWorkflowExtension on the wire: its type, its own fields and the stored configuration parts. */
final class ExtensionJson {

    private ExtensionJson() {
    }

    static ObjectNode of(CustomWorkflowExtension e, ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("@odata.type", ExtensionType.valueOf(e.odataType).odataType());
        node.put("id", e.id.toString());
        node.put("displayName", e.displayName);
        node.put("description", e.description);
        node.put("createdDateTime", e.createdAt.toString());
        node.put("lastModifiedDateTime", e.modifiedAt.toString());
        node.set("endpointConfiguration", parse(e.endpointConfiguration, mapper));
        node.set("authenticationConfiguration", parse(e.authenticationConfiguration, mapper));
        node.set("clientConfiguration", parse(e.clientConfiguration, mapper));
        node.set("callbackConfiguration", parse(e.callbackConfiguration, mapper));
        return node;
    }

    static JsonNode parse(String json, ObjectMapper mapper) {
        try {
            return json == null ? mapper.nullNode() : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored extension part is unreadable", e);
        }
    }
}
