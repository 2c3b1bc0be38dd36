package dev.tessera.platform.graph.beta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Small helpers for {@link BetaMapping}s. Beta request bodies are read case-insensitively: the PowerShell
 * beta module writes its cmdlets' parameters camelCase, but nested hashtables as the script author typed them
 * ({@code OriginId}, {@code "originSystem" = "AadGroup "}).
 */
public final class BetaJson {

    private BetaJson() {
    }

    /** The member named {@code name} in any case, removed from {@code node}; null when absent. */
    public static JsonNode take(ObjectNode node, String name) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                fields.remove();
                return field.getValue();
            }
        }
        return null;
    }

    /** The member named {@code name} in any case; null when absent. */
    public static JsonNode get(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    /** Moves {@code from} (any case) to {@code to}, trimming a text value; nothing when absent. */
    public static void rename(ObjectNode node, String from, String to) {
        JsonNode value = take(node, from);
        if (value != null) {
            node.set(to, value.isTextual() ? node.textNode(value.asText().trim()) : value);
        }
    }

    /** Writes every member under its name as written in {@code names} (case-insensitive match), trimming texts. */
    public static ObjectNode canonical(ObjectNode node, String... names) {
        for (String name : names) {
            rename(node, name, name);
        }
        return node;
    }

    /** {@code adminAdd} → {@code AdminAdd}. */
    public static String pascal(String camel) {
        return camel == null || camel.isEmpty() ? camel : camel.substring(0, 1).toUpperCase(Locale.ROOT) + camel.substring(1);
    }

    /** {@code AdminAdd} → {@code adminAdd}. */
    public static String camel(String pascal) {
        return pascal == null || pascal.isEmpty() ? pascal : pascal.substring(0, 1).toLowerCase(Locale.ROOT) + pascal.substring(1);
    }

    /** A text member rewritten with {@code f}; nothing when absent or not text. */
    public static void mapText(ObjectNode node, String name, java.util.function.UnaryOperator<String> f) {
        JsonNode value = node.get(name);
        if (value != null && value.isTextual()) {
            node.put(name, f.apply(value.asText().trim()));
        }
    }

    /** {@code true} when the member is the boolean true (or the text "true"). */
    public static boolean isTrue(JsonNode value) {
        return value != null && (value.isBoolean() ? value.asBoolean() : "true".equalsIgnoreCase(value.asText()));
    }
}
