package dev.tessera.provisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Page;
import dev.tessera.platform.graph.query.QueryOptions;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A directory collection as Graph lists it: {@code $filter}, {@code $top}, keyset paging with an
 * absolute {@code @odata.nextLink}, {@code $select}, and {@code $count} on the first page. One piece
 * of code for users, groups, service principals, sites and administrative units.
 */
public final class DirectoryLists {

    private DirectoryLists() {
    }

    /** One keyset page of rows after {@code after}, {@code top + 1} of them so the caller knows there is more. */
    @FunctionalInterface
    public interface PageQuery<T> {
        Uni<List<T>> page(Optional<FilterExpr> filter, UUID after, int top);
    }

    public static <T> Uni<ObjectNode> list(GraphJson json, UriInfo uri, String entitySet,
            Function<Optional<FilterExpr>, Uni<Long>> count, PageQuery<T> query, Function<T, String> key,
            Function<T, Object> toJson) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        UUID after = options.afterId();
        Uni<Long> total = options.count() && after == null ? count.apply(options.filter()) : Uni.createFrom().nullItem();
        return total.chain(n -> query.page(options.filter(), after, options.top()).map(rows -> {
            Page<T> page = Page.of(rows, options.top(), key);
            return json.collection(uri, entitySet, page.map(toJson).items(), page.nextSkipToken(), options.select(), n);
        }));
    }
}
