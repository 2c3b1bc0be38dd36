package dev.tessera.provisioning;

import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.PageToken;
import dev.tessera.platform.graph.query.QueryOptions;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a list ordered by object id. Repositories return top + 1 rows; the extra row only
 * says that there is a next page, whose {@code $skiptoken} is the last id shown.
 */
public record KeysetPage<T>(List<T> items, String nextSkipToken) {

    public static <T> KeysetPage<T> of(List<T> rows, int top, Function<T, UUID> id) {
        if (rows.size() <= top) {
            return new KeysetPage<>(rows, null);
        }
        List<T> items = rows.subList(0, top);
        return new KeysetPage<>(items, PageToken.encode(id.apply(items.get(items.size() - 1)).toString()));
    }

    /** The id after which the requested page starts, or null for the first page. */
    public static UUID after(QueryOptions options) {
        return options.skipToken().map(token -> Ids.parse(PageToken.decode(token), "$skiptoken")).orElse(null);
    }

    public <R> List<R> map(Function<T, R> mapper) {
        return items.stream().map(mapper).toList();
    }
}
