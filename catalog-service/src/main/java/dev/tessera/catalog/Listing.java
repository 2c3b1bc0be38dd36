package dev.tessera.catalog;

import dev.tessera.platform.graph.query.Page;
import java.util.List;

/** One page of a Graph list as a service returns it: items, the next {@code $skiptoken}, and {@code $count}. */
public record Listing<T>(List<T> items, String nextSkipToken, Long count) {

    public static <T> Listing<T> of(Page<T> page, Long count) {
        return new Listing<>(page.items(), page.nextSkipToken(), count);
    }
}
