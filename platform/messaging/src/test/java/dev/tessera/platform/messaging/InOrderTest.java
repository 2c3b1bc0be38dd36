package dev.tessera.platform.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InOrderTest {

    @Test
    void runsEveryStepOnceInListOrder() {
        List<Integer> seen = new ArrayList<>();
        InOrder.each(List.of(3, 1, 2), i -> Uni.createFrom().voidItem().invoke(() -> seen.add(i))).await().indefinitely();
        assertEquals(List.of(3, 1, 2), seen);
    }

    @Test
    void stopsAtTheFirstFailure() {
        List<Integer> seen = new ArrayList<>();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> InOrder.each(List.of(1, 2, 3),
                i -> i == 2 ? Uni.createFrom().<Void>failure(new IllegalStateException("step 2"))
                        : Uni.createFrom().voidItem().invoke(() -> seen.add(i))).await().indefinitely());
        assertEquals("step 2", failure.getMessage());
        assertEquals(List.of(1), seen, "nothing after the failing step");
    }

    @Test
    void manyStepsThatCompleteAtOnceDoNotGrowTheStack() throws Exception {
        List<Integer> items = IntStream.range(0, 20_000).boxed().toList();
        int[] count = {0};
        // a small stack, as a chain of 20,000 nested Uni.chain would overflow it
        Thread thread = new Thread(null, () -> InOrder.each(items, i -> Uni.createFrom().voidItem()
                .invoke(() -> count[0]++)).await().indefinitely(), "small-stack", 256 * 1024);
        Throwable[] failed = {null};
        thread.setUncaughtExceptionHandler((t, e) -> failed[0] = e);
        thread.start();
        thread.join();
        assertEquals(null, failed[0]);
        assertEquals(20_000, count[0]);
    }
}
