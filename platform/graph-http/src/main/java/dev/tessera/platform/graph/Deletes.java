package dev.tessera.platform.graph;

import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * How a service deletes what a request names: with one counted HQL statement
 * ({@code repository.delete("id", id)}), never {@code session.remove(entity)} (Panache's
 * {@code delete(entity)}, {@code entity.delete()}, {@code deleteById}).
 *
 * <p>Hibernate Reactive 3.2 keeps the delete in flight of {@code remove} in a field of the entity
 * type's delete coordinator, which every session shares (hibernate/hibernate-reactive#1713): two
 * sessions removing rows of one type at once — two clients deleting the same user, or two different
 * users — complete each other's futures; one fails with HR000069 (a session used from another
 * thread) and keeps its connection, the other never answers. An HQL delete does not go through the
 * coordinator, and its count tells the loser of a race that the row is gone: the second of two
 * concurrent DELETEs waits for the first's row lock, then deletes nothing and answers 404.
 */
public final class Deletes {

    private Deletes() {
    }

    /**
     * Fails with {@code gone} (a 404, rolling the transaction back) when the delete (or a conditional
     * update that clears what the request removes) changed no row.
     */
    public static Uni<Void> one(Uni<? extends Number> delete, Supplier<GraphException> gone) {
        return delete.invoke(count -> {
            if (count.longValue() == 0) {
                throw gone.get();
            }
        }).replaceWithVoid();
    }
}
