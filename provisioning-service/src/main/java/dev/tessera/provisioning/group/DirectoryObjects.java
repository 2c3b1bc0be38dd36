package dev.tessera.provisioning.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphJson;

/** Items of directoryObject collections (members, owners, memberOf) say which type they are, as Graph does. */
public final class DirectoryObjects {

    public static final String ENTITY_SET = "directoryObjects";

    private DirectoryObjects() {
    }

    public static ObjectNode typed(GraphJson json, String odataType, Object record) {
        ObjectNode node = json.mapper().createObjectNode();
        node.put("@odata.type", odataType);
        node.setAll(json.tree(record));
        return node;
    }
}
