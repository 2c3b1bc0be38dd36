package dev.tessera.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * JSON for the hostile-input suite: a valid-shaped body built from an OpenAPI schema (so a mutation
 * of one property is what the service refuses) and a writer that can also emit what no JSON library
 * would (a raw fragment where a value goes).
 */
final class HostileJson {

    /** A fragment written verbatim where a value goes: {@code 1e400}, {@code NaN}, a lone surrogate escape. */
    record Raw(String text) {
    }

    /** A property of a body, by its path of names from the top (for nested objects). */
    record Property(List<String> path, Map<String, Object> schema, boolean required) {

        String name() {
            return path.get(path.size() - 1);
        }

        String type() {
            Object type = schema.get("type");
            return type == null ? (schema.containsKey("properties") ? "object" : "unknown") : type.toString();
        }

        String format() {
            Object format = schema.get("format");
            return format == null ? "" : format.toString();
        }
    }

    private final Map<String, Object> components;
    private final Random random;

    HostileJson(Map<String, Object> components, Random random) {
        this.components = components;
        this.random = random;
    }

    /** The request body schema of an OpenAPI operation, resolved, or null when it takes none. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> bodySchema(Map<String, Object> operation) {
        Object requestBody = operation.get("requestBody");
        if (!(requestBody instanceof Map<?, ?> rb)) {
            return null;
        }
        Object content = rb.get("content");
        if (!(content instanceof Map<?, ?> c) || c.isEmpty()) {
            return null;
        }
        Object json = c.containsKey("application/json") ? c.get("application/json") : c.values().iterator().next();
        Object schema = json instanceof Map<?, ?> j ? j.get("schema") : null;
        return schema instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resolve(Map<String, Object> schema) {
        Map<String, Object> current = schema;
        for (int i = 0; i < 10 && current != null; i++) {
            Object ref = current.get("$ref");
            if (ref != null) {
                String name = ref.toString().substring(ref.toString().lastIndexOf('/') + 1);
                current = (Map<String, Object>) components.get(name);
                continue;
            }
            Object allOf = current.get("allOf");
            if (allOf instanceof List<?> list && !list.isEmpty()) {
                current = (Map<String, Object>) list.get(0);
                continue;
            }
            return current;
        }
        return current == null ? Map.of() : current;
    }

    /** Every property of the (resolved) schema down to {@code depth} levels of nested objects. */
    @SuppressWarnings("unchecked")
    List<Property> properties(Map<String, Object> schema, int depth) {
        List<Property> out = new ArrayList<>();
        collect(resolve(schema), new ArrayList<>(), depth, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private void collect(Map<String, Object> schema, List<String> prefix, int depth, List<Property> out) {
        Object properties = schema.get("properties");
        if (!(properties instanceof Map<?, ?> props)) {
            return;
        }
        List<?> required = schema.get("required") instanceof List<?> r ? r : List.of();
        for (Map.Entry<?, ?> e : props.entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey().toString());
            Map<String, Object> resolved = resolve((Map<String, Object>) e.getValue());
            Property property = new Property(path, resolved, required.contains(e.getKey()));
            out.add(property);
            if (depth > 0 && "object".equals(property.type())) {
                collect(resolved, path, depth - 1, out);
            }
        }
    }

    /** A body of the schema's shape with plausible values of every property's type. */
    Object valid(Map<String, Object> schema, int depth) {
        Map<String, Object> resolved = resolve(schema);
        return value(resolved, "", depth);
    }

    @SuppressWarnings("unchecked")
    private Object value(Map<String, Object> schema, String name, int depth) {
        Object enumeration = schema.get("enum");
        if (enumeration instanceof List<?> values && !values.isEmpty()) {
            return values.get(0);
        }
        String type = schema.get("type") == null ? (schema.containsKey("properties") ? "object" : "string")
                : schema.get("type").toString();
        String format = schema.get("format") == null ? "" : schema.get("format").toString();
        switch (type) {
            case "boolean":
                return false;
            case "integer":
                return 1;
            case "number":
                return 1.5;
            case "array":
                return new ArrayList<>();
            case "object": {
                Map<String, Object> out = new LinkedHashMap<>();
                Object properties = schema.get("properties");
                if (depth > 0 && properties instanceof Map<?, ?> props) {
                    props.forEach((k, v) -> out.put(k.toString(),
                            value(resolve((Map<String, Object>) v), k.toString(), depth - 1)));
                }
                return out;
            }
            default:
                if (format.equals("date-time") || name.endsWith("DateTime")) {
                    return "2030-01-01T00:00:00Z";
                }
                if (format.equals("date")) {
                    return "2030-01-01";
                }
                if (format.equals("duration") || name.toLowerCase().contains("duration")) {
                    return "P1D";
                }
                if (format.equals("uuid") || name.equals("id") || name.endsWith("Id")) {
                    return new UUID(random.nextLong(), random.nextLong()).toString();
                }
                return "hostile-" + Integer.toHexString(random.nextInt());
        }
    }

    /** Sets the value at a property path of a body built by {@link #valid}, creating objects on the way. */
    @SuppressWarnings("unchecked")
    static void set(Object body, List<String> path, Object value) {
        Map<String, Object> current = (Map<String, Object>) body;
        for (int i = 0; i < path.size() - 1; i++) {
            Object next = current.get(path.get(i));
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<String, Object>();
                current.put(path.get(i), next);
            }
            current = (Map<String, Object>) next;
        }
        current.put(path.get(path.size() - 1), value);
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.text());
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(e.getKey().toString(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(value.getClass().toString());
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    // escaped, not raw: a lone surrogate written raw would become '?' in UTF-8
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
