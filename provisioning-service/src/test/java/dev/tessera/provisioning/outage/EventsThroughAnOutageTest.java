package dev.tessera.provisioning.outage;

import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createUser;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.events.AssignmentGranted;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.provisioning.Db;
import dev.tessera.testsupport.DatabaseProxy;
import dev.tessera.testsupport.KafkaProbe;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * provisioning-service's PostgreSQL is gone for longer than the consumer's retry budget for a failing event
 * (here 5 tries from 50 ms, about 1.5 s): the assignment grants published meanwhile are held, not
 * dead-lettered, and once the database is back every one is delivered exactly once (issue 15, "Nothing lost").
 */
@QuarkusTest
@TestProfile(EventsThroughAnOutageTest.ThroughProxy.class)
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class EventsThroughAnOutageTest {

    static final String DLQ = Topics.ASSIGNMENT_EVENTS + ".dlq";

    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url", DatabaseProxy.instance().reactiveUrl(),
                    "tessera.consumer.initial-backoff", "PT0.05S",
                    "tessera.consumer.outage-initial-backoff", "PT0.2S",
                    "tessera.consumer.outage-max-backoff", "PT1S");
        }
    }

    @Inject
    ObjectMapper mapper;

    @AfterEach
    void restore() {
        DatabaseProxy.instance().restore();
    }

    @Test
    void grantsConsumedWhileTheDatabaseIsDownAreHeldAndDeliveredOnceWhenItIsBackNoneDeadLettered() throws Exception {
        String group = createGroup("Held through an outage");
        List<String> users = new ArrayList<>();
        List<UUID> assignments = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(createUser("Outage " + i));
            assignments.add(UUID.randomUUID());
        }
        ResourceRoleRef role = new ResourceRoleRef(UUID.randomUUID(), "Member", "Member_" + group, "AadGroup",
                UUID.randomUUID(), group, group);

        try (KafkaConsumer<String, String> dlq = dlqReader()) {
            Set<String> deadLettered = ConcurrentHashMap.newKeySet();
            DatabaseProxy.instance().cut();
            for (int i = 0; i < users.size(); i++) {
                AssignmentGranted grant = new AssignmentGranted(assignments.get(i), UUID.randomUUID(), UUID.randomUUID(),
                        UUID.randomUUID(), UUID.fromString(users.get(i)), Instant.now(), null, List.of(role));
                TestEvents.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignments.get(i).toString(),
                        mapper.writeValueAsString(grant), UUID.randomUUID().toString());
            }

            // 15 s of outage, ten times the old retry budget: nothing of ours reaches the dead-letter topic
            await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(500))
                    .until(() -> readDeadLettered(dlq, assignments, deadLettered).isEmpty());
            // they were being tried all along, as held events
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("tessera_events_retried_total")
                    && l.contains("reason=\"unavailable\"") && !l.endsWith(" 0.0")), "held tries are counted");
            // holding a record is not a failed channel: the service is not to be restarted for it
            given().when().get("/q/health/live").then().statusCode(200);

            DatabaseProxy.instance().restore();
            for (int i = 0; i < users.size(); i++) {
                String user = users.get(i);
                UUID assignment = assignments.get(i);
                await().atMost(Duration.ofSeconds(60)).until(() -> Db.count("select count(*) from delivery_ledger "
                        + "where assignment_id = ? and status = 'delivered'", assignment) == 1);
                assertEquals(1, Db.count("select count(*) from group_membership where group_id = ?::uuid "
                        + "and member_id = ?::uuid", group, user), "member exactly once");
                assertEquals(1, Db.count("select count(*) from outbox_event where event_key = ? and event_type = ?",
                        assignment.toString(), EventTypes.DELIVERY_REPORTED), "one delivery report");
            }
            assertEquals(Set.of(), readDeadLettered(dlq, assignments, deadLettered));
        }
    }

    private static KafkaConsumer<String, String> dlqReader() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaProbe.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(DLQ));
        return consumer;
    }

    /** Reads what has arrived on the dead-letter topic since the last call; returns our assignments found there. */
    private static Set<String> readDeadLettered(KafkaConsumer<String, String> dlq, List<UUID> ours, Set<String> seen) {
        for (ConsumerRecord<String, String> record : dlq.poll(Duration.ofMillis(300))) {
            for (UUID assignment : ours) {
                if (assignment.toString().equals(record.key())
                        || (record.value() != null && record.value().contains(assignment.toString()))) {
                    seen.add(assignment.toString());
                }
            }
        }
        return Set.copyOf(seen);
    }
}
