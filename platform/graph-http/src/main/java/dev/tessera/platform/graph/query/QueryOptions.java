package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.PageToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The OData system query options of a Graph request: {@code $filter} (parsed, raw text kept),
 * {@code $select}, {@code $expand} (nested), {@code $top} (default 100, 1 to 999),
 * {@code $skiptoken}, {@code $count}. Names are accepted with or without {@code $}, in any case.
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

    /** Implemented here; {@code $format} is accepted and ignored, JSON being the only format. */
    private static final Set<String> SUPPORTED = Set.of("filter", "select", "expand", "top", "skiptoken", "count",
            "format");
    /** Real OData options this server does not implement: refused, not silently ignored. */
    private static final Set<String> NOT_IMPLEMENTED = Set.of("orderby", "search", "skip");
    /** What may appear inside the parentheses of an {@code $expand} item. */
    private static final Set<String> NESTED = Set.of("filter", "select", "expand", "top", "count");
    private static final Pattern SELECT_NAME = Pattern.compile("[A-Za-z@][A-Za-z0-9_./@]*");

    public QueryOptions {
        select = List.copyOf(select);
        expand = List.copyOf(expand);
    }

    public static QueryOptions none() {
        return new QueryOptions(Optional.empty(), Optional.empty(), List.of(), List.of(), DEFAULT_TOP,
                Optional.empty(), false);
    }

    /**
     * From the request's query parameters, e.g. JAX-RS {@code UriInfo.getQueryParameters()}.
     * Parameters without {@code $} that are not OData names are left to the API ({@code ?on=target}).
     */
    public static QueryOptions parse(Map<String, List<String>> queryParams) {
        Map<String, String> options = new LinkedHashMap<>();
        queryParams.forEach((name, values) -> {
            if (name == null) {
                return;
            }
            boolean dollar = name.startsWith("$");
            String key = (dollar ? name.substring(1) : name).toLowerCase(Locale.ROOT);
            if (!SUPPORTED.contains(key) && !NOT_IMPLEMENTED.contains(key)) {
                if (dollar) {
                    throw GraphException.badRequest("Unsupported query option '" + name + "'.");
                }
                return;
            }
            List<String> given = values == null ? List.of() : values;
            if (given.size() > 1 || options.containsKey(key)) {
                throw GraphException.badRequest("Query option '$" + key + "' is specified more than once.");
            }
            String value = given.isEmpty() || given.get(0) == null ? "" : given.get(0);
            options.put(key, value);
        });
        return of(options, "", 1);
    }

    /** The options of one {@code $expand} item, from {@code name=value} pairs. */
    static QueryOptions nested(Map<String, String> options, String item, int depth) {
        for (String key : options.keySet()) {
            if (!NESTED.contains(key)) {
                throw GraphException.badRequest("Unsupported query option '$" + key + "' in $expand of '" + item
                        + "'.");
            }
        }
        return of(options, " in $expand of '" + item + "'", depth);
    }

    /** {@code depth}: where a nested {@code $expand} of these options would be (1 at the top). */
    private static QueryOptions of(Map<String, String> options, String where, int depth) {
        for (String key : options.keySet()) {
            if (NOT_IMPLEMENTED.contains(key)) {
                throw GraphException.badRequest("Query option '$" + key + "' is not supported" + where + ".");
            }
        }
        String filterText = options.get("filter");
        Optional<FilterExpr> filter = Optional.ofNullable(filterText).map(FilterParser::parse);
        return new QueryOptions(filter, Optional.ofNullable(filterText), select(options.get("select"), where),
                ExpandParser.parse(options.get("expand"), depth), top(options.get("top"), where),
                Optional.ofNullable(options.get("skiptoken")).filter(s -> !s.isBlank()),
                count(options.get("count"), where));
    }

    /** The item of this name, compared case-insensitively as Graph does. */
    public Optional<ExpandItem> expands(String name) {
        return expand.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The last id of the previous page, for lists paged by a GUID key; null on the first page. */
    public UUID afterId() {
        return skipToken.map(PageToken::decode).map(key -> Ids.parse(key, "$skiptoken")).orElse(null);
    }

    private static int top(String text, String where) {
        if (text == null) {
            return DEFAULT_TOP;
        }
        String trimmed = text.trim();
        if (trimmed.matches("\\d{1,3}")) {
            int top = Integer.parseInt(trimmed);
            if (top >= 1) {
                return top;
            }
        }
        throw GraphException.badRequest("Invalid $top" + where + ": '" + text + "' must be a whole number from 1 to "
                + MAX_TOP + ".");
    }

    private static boolean count(String text, String where) {
        if (text == null) {
            return false;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw GraphException.badRequest("Invalid $count" + where + ": '" + text
                    + "' must be true or false.");
        };
    }

    private static List<String> select(String text, String where) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String name = part.trim();
            if (!SELECT_NAME.matcher(name).matches()) {
                throw GraphException.badRequest("Invalid $select" + where + ": '" + part
                        + "' is not a property name.");
            }
            names.add(name);
        }
        return names;
    }
}
