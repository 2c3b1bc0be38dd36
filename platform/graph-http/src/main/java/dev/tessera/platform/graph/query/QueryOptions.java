package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.GraphException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OData system query options of a Graph request: {@code $filter}, {@code $select},
 * {@code $expand} (nested), {@code $top} (default 100, at most 999), {@code $skiptoken},
 * {@code $count}. Option names are accepted with or without {@code $}, in any case.
 */
public record QueryOptions(
        Optional<FilterExpr> filter,
        Optional<String> rawFilter,
        List<String> select,
        List<ExpandItem> expand,
        int top,
        Optional<String> skipToken,
        boolean count) {

    public static final int DEFAULT_TOP = 100;
    public static final int MAX_TOP = 999;

    private static final Set<String> KNOWN = Set.of("filter", "select", "expand", "top", "skiptoken", "count",
            "orderby", "search", "skip", "format");

    public static QueryOptions none() {
        return new QueryOptions(Optional.empty(), Optional.empty(), List.of(), List.of(), DEFAULT_TOP,
                Optional.empty(), false);
    }

    public static QueryOptions parse(Map<String, List<String>> queryParameters) {
        Map<String, String> options = new HashMap<>();
        queryParameters.forEach((name, values) -> {
            if (name.startsWith("$") || KNOWN.contains(name.toLowerCase(Locale.ROOT))) {
                String key = (name.startsWith("$") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
                if (!KNOWN.contains(key)) {
                    throw GraphException.badRequest("Unsupported query option '" + name + "'.");
                }
                if (!values.isEmpty()) {
                    options.put(key, values.get(values.size() - 1));
                }
            }
        });
        return fromMap(options);
    }

    /** The last id of the previous page, for lists paged by a GUID key; null on the first page. */
    public java.util.UUID afterId() {
        return skipToken.map(dev.tessera.platform.graph.PageToken::decode)
                .map(key -> dev.tessera.platform.graph.Ids.parse(key, "$skiptoken"))
                .orElse(null);
    }

    public Optional<ExpandItem> expands(String name) {
        return expand.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
    }

    static QueryOptions fromMap(Map<String, String> options) {
        for (String unsupported : List.of("orderby", "search", "skip")) {
            if (options.containsKey(unsupported)) {
                throw GraphException.badRequest("Query option '$" + unsupported + "' is not supported on this resource.");
            }
        }
        String filterText = options.get("filter");
        Optional<FilterExpr> filter = filterText == null || filterText.isBlank() ? Optional.empty()
                : Optional.of(FilterParser.parse(filterText));
        return new QueryOptions(filter, Optional.ofNullable(filterText), names(options.get("select")),
                expand(options.get("expand")), top(options.get("top")),
                Optional.ofNullable(options.get("skiptoken")).filter(s -> !s.isBlank()),
                count(options.get("count")));
    }

    private static int top(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_TOP;
        }
        try {
            int top = Integer.parseInt(text.trim());
            if (top < 1 || top > MAX_TOP) {
                throw GraphException.badRequest("Invalid $top: must be between 1 and " + MAX_TOP + ".");
            }
            return top;
        } catch (NumberFormatException e) {
            throw GraphException.badRequest("Invalid $top: '" + text + "' is not a number.");
        }
    }

    private static boolean count(String text) {
        if (text == null) {
            return false;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw GraphException.badRequest("Invalid $count: must be true or false.");
        };
    }

    private static List<String> names(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.trim();
            if (!name.matches("[A-Za-z@][A-Za-z0-9_./@]*")) {
                throw GraphException.badRequest("Invalid $select: '" + part + "'.");
            }
            names.add(name);
        }
        return names;
    }

    private static List<ExpandItem> expand(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<ExpandItem> items = new ArrayList<>();
        for (String part : splitTopLevel(text, ',')) {
            String item = part.trim();
            int open = item.indexOf('(');
            if (open < 0) {
                if (!item.matches("[A-Za-z][A-Za-z0-9_]*")) {
                    throw GraphException.badRequest("Invalid $expand: '" + item + "'.");
                }
                items.add(new ExpandItem(item, none()));
                continue;
            }
            if (!item.endsWith(")")) {
                throw GraphException.badRequest("Invalid $expand: unbalanced parentheses in '" + item + "'.");
            }
            String name = item.substring(0, open).trim();
            Map<String, String> nested = new HashMap<>();
            for (String option : splitTopLevel(item.substring(open + 1, item.length() - 1), ';')) {
                int eq = option.indexOf('=');
                if (eq < 0) {
                    throw GraphException.badRequest("Invalid $expand: '" + option + "' in '" + item + "'.");
                }
                String key = option.substring(0, eq).trim();
                key = (key.startsWith("$") ? key.substring(1) : key).toLowerCase(Locale.ROOT);
                if (!KNOWN.contains(key)) {
                    throw GraphException.badRequest("Unsupported query option '" + key + "' in $expand.");
                }
                nested.put(key, option.substring(eq + 1).trim());
            }
            items.add(new ExpandItem(name, fromMap(nested)));
        }
        return items;
    }

    /** Splits on a separator that is not inside parentheses or quotes; rejects unbalanced input. */
    static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
                if (depth < 0) {
                    throw GraphException.badRequest("Invalid $expand: unbalanced parentheses.");
                }
            } else if (!quoted && depth == 0 && c == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0 || quoted) {
            throw GraphException.badRequest("Invalid $expand: unbalanced parentheses or quotes.");
        }
        parts.add(text.substring(start));
        return parts.stream().filter(p -> !p.isBlank()).toList();
    }
}
