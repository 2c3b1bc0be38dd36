package dev.tessera.catalog;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.query.ExpandItem;
import dev.tessera.platform.graph.query.QueryOptions;
import java.util.List;

/** Refuses {@code $expand} items a Graph type does not have, as Graph does, rather than ignoring a typo. */
public final class Expansions {

    private Expansions() {
    }

    public static void allow(QueryOptions options, String graphType, String... navigationProperties) {
        List<String> allowed = List.of(navigationProperties);
        for (ExpandItem item : options.expand()) {
            if (allowed.stream().noneMatch(name -> name.equalsIgnoreCase(item.name()))) {
                throw GraphException.badRequest("Invalid $expand: '" + item.name() + "' is not a navigation "
                        + "property of " + graphType + (allowed.isEmpty() ? "; nothing can be expanded here."
                        : "; expandable: " + String.join(", ", allowed) + "."));
            }
        }
    }
}
