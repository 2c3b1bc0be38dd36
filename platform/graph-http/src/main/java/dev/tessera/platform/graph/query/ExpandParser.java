package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.GraphException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code $expand}: {@code roles,scopes}, {@code resourceRoleScopes($expand=role,scope)},
 * {@code policy($expand=rules;$select=id)}. Commas and semicolons only separate at the top level:
 * not inside parentheses, nor inside a quoted string of a nested {@code $filter}.
 */
final class ExpandParser {

    private static final Pattern ITEM = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)\\s*(?:\\((.*)\\))?", Pattern.DOTALL);

    /**
     * How deep {@code $expand} may nest: an item, its nested {@code $expand}, and one more
     * ({@code resourceRoleScopes($expand=role($expand=resource))}), the deepest any Tessera type serves.
     */
    static final int MAX_DEPTH = 3;
    /** How many items one {@code $expand} may list (the richest type has four navigation properties). */
    static final int MAX_ITEMS = 10;

    private ExpandParser() {
    }

    /** {@code depth} is 1 for the request's own {@code $expand}, 2 inside one of its items, and so on. */
    static List<ExpandItem> parse(String text, int depth) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        if (depth > MAX_DEPTH) {
            throw GraphException.badRequest("Invalid $expand: nested more than " + MAX_DEPTH + " levels deep.");
        }
        List<String> parts = split(text, ',');
        if (parts.size() > MAX_ITEMS) {
            throw GraphException.badRequest("Invalid $expand: more than " + MAX_ITEMS + " items in one $expand.");
        }
        List<ExpandItem> items = new ArrayList<>();
        for (String part : parts) {
            ExpandItem item = item(part.trim(), depth);
            if (items.stream().anyMatch(i -> i.name().equalsIgnoreCase(item.name()))) {
                throw GraphException.badRequest("Invalid $expand: '" + item.name() + "' is expanded more than once.");
            }
            items.add(item);
        }
        return items;
    }

    private static ExpandItem item(String text, int depth) {
        if (text.isEmpty()) {
            throw GraphException.badRequest("Invalid $expand: an item is empty (a stray ',').");
        }
        Matcher m = ITEM.matcher(text);
        if (!m.matches()) {
            throw GraphException.badRequest("Invalid $expand: '" + text + "' is not a navigation property name,"
                    + " optionally followed by options in parentheses.");
        }
        String name = m.group(1);
        String inner = m.group(2);
        if (inner == null || inner.isBlank()) {
            return new ExpandItem(name, QueryOptions.none());
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : split(inner, ';')) {
            if (option.isBlank()) {
                continue; // a trailing ';' is harmless
            }
            int eq = option.indexOf('=');
            if (eq < 0) {
                throw GraphException.badRequest("Invalid $expand: '" + option.trim() + "' in '" + name
                        + "' is not an option=value pair.");
            }
            String key = option.substring(0, eq).trim();
            key = (key.startsWith("$") ? key.substring(1) : key).toLowerCase(Locale.ROOT);
            if (options.put(key, option.substring(eq + 1).trim()) != null) {
                throw GraphException.badRequest("Query option '$" + key + "' is specified more than once in $expand of '"
                        + name + "'.");
            }
        }
        return new ExpandItem(name, QueryOptions.nested(options, name, depth + 1));
    }

    /** Splits on {@code separator} outside parentheses and quotes; refuses unbalanced text. */
    static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted; // a doubled '' closes and reopens: still right
            } else if (quoted) {
                continue;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                throw unbalanced(text);
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0 || quoted) {
            throw unbalanced(text);
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static GraphException unbalanced(String text) {
        return GraphException.badRequest("Invalid $expand: unbalanced parentheses or quotes in '" + text + "'.");
    }
}
