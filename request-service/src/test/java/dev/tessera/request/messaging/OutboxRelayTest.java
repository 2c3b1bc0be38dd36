package dev.tessera.request.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.platform.messaging.OutboxRelay;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay publishes rows that committed but were never sent (a crash between commit and
 * send), each exactly once even with several relays draining the table at the same time.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class OutboxRelayTest {

    static final String TOPIC = "tessera.test.outbox";
    static final String TYPE = "tessera.test.pending.v1";

    @Inject
    OutboxRelay relay;

    @Test
    void pendingRowsLeftByACrashArePublishedExactlyOnceByConcurrentRelays() throws Exception {
        String aggregate = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        try (Connection db = connection();
                PreparedStatement insert = db.prepareStatement("insert into outbox_event (id, topic, event_key, "
                        + "event_type, source, subject, payload, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < 60; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id.toString());
                insert.setObject(1, id);
                insert.setString(2, TOPIC);
                insert.setString(3, aggregate);
                insert.setString(4, TYPE);
                insert.setString(5, "/tessera/test");
                insert.setString(6, aggregate);
                insert.setString(7, "{\"n\":" + i + "}");
                insert.setTimestamp(8, Timestamp.from(Instant.now()));
                insert.addBatch();
            }
            insert.executeBatch();
        }

        // Three more relays race the scheduled one; SKIP LOCKED gives each row to one of them.
        List<Thread> relays = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread thread = new Thread(() -> {
                try {
                    VertxContextSupport.subscribeAndAwait(() -> relay.drain());
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            relays.add(thread);
        }
        for (Thread thread : relays) {
            thread.join(20_000);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> pendingOf(aggregate) == 0);
        List<ConsumerRecord<String, String>> records = TestEvents.awaitEvents(TOPIC, TYPE, aggregate, ids.size());
        Map<String, Long> perId = records.stream().collect(Collectors.groupingBy(
                r -> TestEvents.header(r, "ce_id").orElseThrow(), Collectors.counting()));
        assertEquals(ids.size(), perId.size());
        perId.forEach((id, count) -> assertEquals(1L, count, "event " + id + " published " + count + " times"));
        // Order per aggregate is the insertion order.
        List<String> payloads = records.stream().map(ConsumerRecord::value).toList();
        for (int i = 0; i < payloads.size(); i++) {
            assertEquals("{\"n\":" + i + "}", payloads.get(i));
        }
        assertEquals(ids.size(), TestEvents.eventsNow(TOPIC, TYPE, aggregate).size());
    }

    static long pendingOf(String aggregate) throws Exception {
        try (Connection db = connection();
                PreparedStatement query = db.prepareStatement(
                        "select count(*) from outbox_event where event_key = ? and sent_at is null")) {
            query.setString(1, aggregate);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static Connection connection() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
