package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.PageToken;
import java.util.List;
import java.util.function.Function;

/** One page of a list and the {@code $skiptoken} of the next, if any. */
public record Page<T>(List<T> items, String nextSkipToken) {

    /** From a query that fetched {@code top + 1} rows: the extra row only says there is more. */
    public static <T> Page<T> of(List<T> rows, int top, Function<T, String> key) {
        if (rows.size() <= top) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, top);
        return new Page<>(items, PageToken.encode(key.apply(items.get(items.size() - 1))));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextSkipToken);
    }
}
