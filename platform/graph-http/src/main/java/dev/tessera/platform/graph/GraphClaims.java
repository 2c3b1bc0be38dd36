package dev.tessera.platform.graph;

import jakarta.json.JsonString;

final class GraphClaims {

    private GraphClaims() {
    }

    /** JWT array claims arrive as JSON-P values; compare their plain text. */
    static String text(Object value) {
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return String.valueOf(value).replace("\"", "");
    }
}
