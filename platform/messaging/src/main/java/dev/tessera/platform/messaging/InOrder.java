package dev.tessera.platform.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a step for each item, one after the other, in list order, stopping at the first failure — without
 * nesting one {@code Uni.chain} per item. A chain built in a loop is as deep as the list when its steps
 * complete at once (a poll of 500 reports applied to rows already loaded), and overflowed a service's
 * thread stack; a concatenating {@link Multi} drains the steps in a loop instead.
 */
public final class InOrder {

    private InOrder() {
    }

    public static <T> Uni<Void> each(List<T> items, Function<? super T, Uni<Void>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(items)
                .onItem().<Void>transformToUniAndConcatenate(step::apply)
                .collect().last()
                .replaceWithVoid();
    }
}
