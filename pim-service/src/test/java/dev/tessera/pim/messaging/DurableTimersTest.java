package dev.tessera.pim.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.platform.messaging.timer.TimerPoller;
import dev.tessera.platform.messaging.timer.TimerRow;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The platform's durable timers against the real PostgreSQL, hosted by pim-service (any service with
 * db/messaging would do). Time is moved with the injected clock; nothing sleeps.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class DurableTimersTest {

    static final String KIND = RecordingTimerHandler.KIND;

    @Inject
    DurableTimers timers;

    @Inject
    TimerPoller poller;

    @Inject
    RecordingTimerHandler handler;

    @Inject
    MutableClock clock;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void aTimerFiresOnceWhenItsTimeComesAndNotBefore() {
        String key = key();
        Instant due = clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MICROS);
        inTransaction(() -> timers.schedule(KIND, key, due, "{\"assignment\":\"" + key + "\"}"));

        run(() -> poller.fireDue());
        assertEquals(0, handler.count(key), "fired before its due time");

        clock.set(due.plusMillis(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.count(key) == 1);
        DueTimer fired = firing(key);
        assertEquals(due, fired.dueAt());
        assertEquals("{\"assignment\":\"" + key + "\"}", fired.payload());
        assertEquals(0, fired.attempts());
        assertNull(run(() -> timers.dueAt(KIND, key)), "the row is gone once fired");
        run(() -> poller.fireDue());
        assertEquals(1, handler.count(key));
    }

    @Test
    void schedulingAgainMovesTheTimerAndCancelRemovesIt() {
        String moved = key();
        String cancelled = key();
        Instant now = clock.instant();
        inTransaction(() -> timers.schedule(KIND, moved, now.plus(Duration.ofHours(1)), null)
                .chain(() -> timers.schedule(KIND, cancelled, now.plus(Duration.ofHours(1)), null)));
        inTransaction(() -> timers.schedule(KIND, moved, now.plus(Duration.ofHours(3)), null));
        assertTrue(inTransaction(() -> timers.cancel(KIND, cancelled)));
        assertFalse(inTransaction(() -> timers.cancel(KIND, cancelled)), "nothing left to cancel");

        clock.set(now.plus(Duration.ofHours(2)));
        run(() -> poller.fireDue());
        assertEquals(0, handler.count(moved), "moved to a later time");

        clock.set(now.plus(Duration.ofHours(3)).plusSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.count(moved) == 1);
        assertEquals(0, handler.count(cancelled));
    }

    @Test
    void aTimerScheduledInARolledBackTransactionDoesNotExist() {
        String key = key();
        Instant due = clock.instant().minusSeconds(1);
        try {
            inTransaction(() -> timers.schedule(KIND, key, due, null)
                    .chain(() -> Uni.createFrom().failure(new IllegalStateException("the change failed"))));
        } catch (IllegalStateException expected) {
            // the state change failed, so its timer must not exist either
        }
        assertNull(run(() -> timers.dueAt(KIND, key)));
        run(() -> poller.fireDue());
        assertEquals(0, handler.count(key));
    }

    @Test
    void aFailingTimerIsRetriedWithBackoffAndKeepsItsDueTime() {
        String key = key();
        Instant due = clock.instant().minusSeconds(1).truncatedTo(ChronoUnit.MICROS);
        handler.failures.put(key, 2);
        inTransaction(() -> timers.schedule(KIND, key, due, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> row(key).attempts == 1);
        TimerRow afterFirst = row(key);
        assertTrue(afterFirst.lastError.contains("planned failure of " + key), afterFirst.lastError);
        assertTrue(afterFirst.retryAt.isAfter(clock.instant()), "retried later, not at once");
        assertNull(afterFirst.parkedAt);

        clock.set(afterFirst.retryAt.plusMillis(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> row(key) != null && row(key).attempts == 2);
        assertFalse(row(key).retryAt.isBefore(clock.instant().plus(Duration.ofMillis(1500))),
                "the second backoff is longer than the first");

        clock.set(row(key).retryAt.plusMillis(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.count(key) == 1);
        assertEquals(2, firing(key).attempts());
        assertEquals(due, firing(key).dueAt(), "retries keep the original deadline");
    }

    @Test
    void aTimerThatKeepsFailingIsParkedWithItsReason() {
        String key = key();
        handler.failures.put(key, 1);
        inTransaction(() -> timers.schedule(KIND, key, clock.instant().plus(Duration.ofHours(1)), null));
        // as if it had failed all but its last allowed attempt already
        inTransaction(() -> TimerRow.update("attempts = 7 where kind = ?1 and key = ?2", KIND, key));

        clock.set(clock.instant().plus(Duration.ofHours(2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> row(key).parkedAt != null);
        assertNotNull(row(key).lastError);
        assertEquals(8, row(key).attempts);
        assertTrue(row(key).lastError.contains("planned failure"), row(key).lastError);

        clock.set(clock.instant().plus(Duration.ofDays(1)));
        run(() -> poller.fireDue());
        assertEquals(0, handler.count(key), "a parked timer waits for an operator");
    }

    @Test
    void aTimerFailingBecauseTheDatabaseIsUnavailableIsHeldNotCountedNorParked() {
        String key = key();
        handler.outages.put(key, 3);
        inTransaction(() -> timers.schedule(KIND, key, clock.instant().plus(Duration.ofHours(1)), null));
        // its last allowed attempt: one more counted failure would park it
        inTransaction(() -> TimerRow.update("attempts = 7 where kind = ?1 and key = ?2", KIND, key));

        for (int outage = 3; outage > 0; outage--) {
            clock.set(clock.instant().plus(Duration.ofHours(2)));
            int left = outage - 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> handler.outages.get(key) == left
                    && row(key) != null && row(key).retryAt != null && row(key).retryAt.isAfter(clock.instant()));
            assertNull(row(key).parkedAt, "an outage never parks a timer");
            assertEquals(7, row(key).attempts, "an outage is not an attempt");
        }
        clock.set(clock.instant().plus(Duration.ofHours(2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.count(key) == 1);
    }

    @Test
    void aTimerThatAnotherReplicaIsFiringIsSkippedNotWaitedForAndNotFiredTwice() throws Exception {
        Instant due = clock.instant().plus(Duration.ofHours(5));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add(key());
        }
        List<String> heldByOther = keys.subList(0, 3);
        inTransaction(() -> Uni.join().all(keys.stream().map(k -> timers.schedule(KIND, k, due, null)).toList())
                .andFailFast().replaceWithVoid());

        // "Replica B" claims three timers the way every poller does and is still firing them.
        try (Connection replicaB = connection()) {
            replicaB.setAutoCommit(false);
            try (PreparedStatement claim = replicaB.prepareStatement("select id from durable_timer where kind = ? "
                    + "and timer_key = any(?) for update skip locked")) {
                claim.setString(1, KIND);
                claim.setArray(2, replicaB.createArrayOf("varchar", heldByOther.toArray()));
                claim.executeQuery().close();
            }

            clock.set(due.plusSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> keys.subList(3, 10).stream().allMatch(k -> handler.count(k) == 1));
            for (String held : heldByOther) {
                assertEquals(0, handler.count(held), "fired while another replica holds it: " + held);
            }

            // Replica B fires them: its transaction deletes the rows and commits.
            try (PreparedStatement fired = replicaB.prepareStatement(
                    "delete from durable_timer where kind = ? and timer_key = any(?)")) {
                fired.setString(1, KIND);
                fired.setArray(2, replicaB.createArrayOf("varchar", heldByOther.toArray()));
                assertEquals(3, fired.executeUpdate());
            }
            replicaB.commit();
        }
        run(() -> poller.fireDue());
        for (String k : keys) {
            assertEquals(heldByOther.contains(k) ? 0 : 1, handler.count(k), "firings of " + k);
        }
    }

    @Test
    void passesStartedAtTheSameTimeInOneJvmRunOneAfterTheOtherAndFireEachTimerOnce() {
        Instant due = clock.instant().plus(Duration.ofHours(7));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add(key());
        }
        inTransaction(() -> Uni.join().all(keys.stream().map(k -> timers.schedule(KIND, k, due, null)).toList())
                .andFailFast().replaceWithVoid());
        clock.set(due.plusSeconds(1));

        // three passes from a non-Vert.x thread, as a test or an operator tool would start them, plus the poller's own
        List<Integer> counts = run(() -> Uni.join().all(poller.fireDue(), poller.fireDue(), poller.fireDue())
                .andFailFast());
        assertEquals(3, counts.size(), "every pass completed");
        for (String k : keys) {
            assertEquals(1, handler.count(k), "firings of " + k);
        }
    }

    @Test
    void manyTimersDueTogetherFireOnceEachInTheOrderTheyWereDue() {
        Instant due = clock.instant().plus(Duration.ofHours(9)).truncatedTo(ChronoUnit.MICROS);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 130; i++) { // more than two batches of tessera.timers.fire-batch (50)
            keys.add(key());
        }
        inTransaction(() -> Uni.join().all(java.util.stream.IntStream.range(0, keys.size())
                        .mapToObj(i -> timers.schedule(KIND, keys.get(i), due.plusMillis(i), null)).toList())
                .andFailFast().replaceWithVoid());
        clock.set(due.plusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> keys.stream().allMatch(k -> handler.count(k) >= 1));
        run(() -> poller.fireDue());
        List<String> order = handler.fired.stream().map(DueTimer::key).filter(keys::contains).toList();
        assertEquals(keys, order, "each fired once, in due order");
    }

    @Test
    void aHandlerThatCancelsALaterTimerDueInTheSameBatchStopsItFromFiring() {
        Instant due = clock.instant().plus(Duration.ofHours(11)).truncatedTo(ChronoUnit.MICROS);
        String first = key();
        String cancelled = key();
        String last = key();
        handler.cancels.put(first, cancelled);
        inTransaction(() -> timers.schedule(KIND, first, due, null)
                .chain(() -> timers.schedule(KIND, cancelled, due.plusMillis(1), null))
                .chain(() -> timers.schedule(KIND, last, due.plusMillis(2), null)));
        clock.set(due.plusSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.count(last) == 1);
        run(() -> poller.fireDue());
        assertEquals(1, handler.count(first));
        assertEquals(0, handler.count(cancelled), "cancelled by the handler of a timer fired before it");
        assertNull(run(() -> timers.dueAt(KIND, cancelled)));
    }

    @Test
    void aTimerFailingInABatchIsRetriedAloneAndTheOthersFireOnce() {
        Instant due = clock.instant().plus(Duration.ofHours(13)).truncatedTo(ChronoUnit.MICROS);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            keys.add(key());
        }
        // first in its batch, so the rolled-back batch ran no other handler (this test handler records in memory,
        // outside the transaction)
        String failing = keys.get(0);
        handler.failures.put(failing, 2);
        inTransaction(() -> Uni.join().all(java.util.stream.IntStream.range(0, keys.size())
                        .mapToObj(i -> timers.schedule(KIND, keys.get(i), due.plusMillis(i), null)).toList())
                .andFailFast().replaceWithVoid());
        clock.set(due.plusSeconds(1));
        for (String k : keys.subList(1, keys.size())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> handler.count(k) == 1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.count(failing) == 1);
        // each failed attempt ran the handler once and was recorded once: two failures, then the third attempt
        assertEquals(2, firing(failing).attempts());
        assertEquals(0, handler.failures.get(failing));
        run(() -> poller.fireDue());
        for (String k : keys) {
            assertEquals(1, handler.count(k), "firings of " + k);
        }
    }

    private static Connection connection() throws Exception {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    @Test
    void firingsAndTheirLatenessAreMetered() {
        String key = key();
        inTransaction(() -> timers.schedule(KIND, key, clock.instant().minusMillis(10), null));
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.count(key) == 1);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("tessera_timers_fired_total{kind=\"test.recording\",outcome=\"fired\"}"), metrics);
        assertTrue(metrics.contains("tessera_timers_lateness_seconds_bucket{kind=\"test.recording\""), "lateness histogram");
        assertTrue(metrics.contains("tessera_outbox_backlog "), "outbox backlog gauge");
        assertTrue(metrics.contains("tessera_timers_parked "), "parked timers gauge");
    }

    private DueTimer firing(String key) {
        List<DueTimer> firings = handler.fired.stream().filter(t -> t.key().equals(key)).toList();
        assertEquals(1, firings.size(), "firings of " + key);
        return firings.get(0);
    }

    private TimerRow row(String key) {
        return run(() -> Panache.withSession(() -> TimerRow.<TimerRow>find("kind = ?1 and key = ?2", KIND, key)
                .firstResult()));
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static <T> T inTransaction(Supplier<Uni<T>> work) {
        return run(() -> Panache.withTransaction(work));
    }

    /** Runs reactive work on a Vert.x context (Hibernate Reactive needs one) and waits for it. */
    private static <T> T run(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
