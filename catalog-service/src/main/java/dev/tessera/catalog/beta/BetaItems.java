package dev.tessera.catalog.beta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/** A v1.0 list property shown under its beta name, each object in it mapped to beta. */
final class BetaItems {

    private BetaItems() {
    }

    /** Moves the array {@code from} to {@code to} (last), mapping each object item in place; absent or not an array: nothing. */
    static void renameEach(ObjectNode node, String from, String to, Consumer<ObjectNode> toBeta) {
        JsonNode items = node.remove(from);
        if (items instanceof ArrayNode list) {
            list.forEach(item -> {
                if (item instanceof ObjectNode o) {
                    toBeta.accept(o);
                }
            });
            node.set(to, list);
        }
    }
}
