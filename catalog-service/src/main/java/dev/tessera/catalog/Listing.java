package dev.tessera.catalog;

import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.QueryOptions;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import dev.tessera.platform.graph.query.Page;
import java.util.List;

/** One page of a Graph list as a service returns it: items, the next {@code $skiptoken}, and {@code $count}. */
public record Listing<T>(List<T> items, String nextSkipToken, Long count) {

    public static <T> Listing<T> of(Page<T> page, Long count) {
        return new Listing<>(page.items(), page.nextSkipToken(), count);
    }

    /** One keyset page of rows after {@code after}, {@code top + 1} of them so the caller knows there is more. */
    @FunctionalInterface
    public interface PageQuery<R> {
        Uni<List<R>> page(Optional<FilterExpr> filter, UUID after, int top);
    }

    /**
     * A list as Graph serves it: {@code $count} on the first page when asked, one keyset page of rows,
     * then {@code expand} turns the page's rows into their Graph shapes.
     */
    public static <R, T> Uni<Listing<T>> of(QueryOptions options, Function<Optional<FilterExpr>, Uni<Long>> count,
            PageQuery<R> query, Function<R, String> key, Function<List<R>, Uni<List<T>>> expand) {
        UUID after = options.afterId();
        Uni<Long> total = options.count() && after == null ? count.apply(options.filter()) : Uni.createFrom().nullItem();
        return total.chain(n -> query.page(options.filter(), after, options.top())
                .map(rows -> Page.of(rows, options.top(), key))
                .chain(page -> expand.apply(page.items()).map(items -> new Listing<>(items, page.nextSkipToken(), n))));
    }
}
