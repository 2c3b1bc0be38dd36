package dev.tessera.pim.messaging;

import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.TimerHandler;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.ClosedConnectionException;
import dev.tessera.platform.messaging.timer.DurableTimers;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test timers: records every firing; a key in {@link #failures} fails that many times first, a key in
 * {@link #outages} fails that many times first as if its database connection were lost.
 */
@Singleton
public class RecordingTimerHandler implements TimerHandler {

    static final String KIND = "test.recording";

    final List<DueTimer> fired = new CopyOnWriteArrayList<>();
    final Map<String, Integer> failures = new ConcurrentHashMap<>();
    final Map<String, Integer> outages = new ConcurrentHashMap<>();
    /** A key here cancels the timer of the key it maps to when it fires (in its own transaction). */
    final Map<String, String> cancels = new ConcurrentHashMap<>();

    @Inject
    DurableTimers timers;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Void> fire(DueTimer timer) {
        int down = outages.getOrDefault(timer.key(), 0);
        if (down > 0) {
            outages.put(timer.key(), down - 1);
            return Uni.createFrom().failure(ClosedConnectionException.INSTANCE);
        }
        int left = failures.getOrDefault(timer.key(), 0);
        if (left > 0) {
            failures.put(timer.key(), left - 1);
            return Uni.createFrom().failure(new IllegalStateException("planned failure of " + timer.key()));
        }
        fired.add(timer);
        String cancelled = cancels.get(timer.key());
        return cancelled == null ? Uni.createFrom().voidItem() : timers.cancel(KIND, cancelled).replaceWithVoid();
    }

    long count(String key) {
        return fired.stream().filter(t -> t.key().equals(key)).count();
    }
}
