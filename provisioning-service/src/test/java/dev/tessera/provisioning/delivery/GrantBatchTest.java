package dev.tessera.provisioning.delivery;

import static dev.tessera.provisioning.Directory.addMember;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createUser;
import static dev.tessera.provisioning.delivery.AssignmentDeliveryTest.member;
import static dev.tessera.provisioning.delivery.AssignmentDeliveryTest.members;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.CloudEventHeaders;
import dev.tessera.platform.messaging.EventEnvelope;
import dev.tessera.platform.messaging.IdempotentConsumer;
import dev.tessera.platform.messaging.events.AssignmentGranted;
import dev.tessera.platform.messaging.events.AssignmentRemoved;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.provisioning.Db;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A poll's plain group grants delivered set-wise ({@link GrantBatch}) write exactly what the per-event
 * path writes — memberships, ledger rows, directory events and {@code DeliveryReported}, in the same
 * order — and a poll that mixes them with other events, repeats one, or carries a bad one still ends
 * as the events one at a time would.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class GrantBatchTest {

    @Inject
    DeliveryService delivery;

    @Inject
    GrantBatch batch;

    @Inject
    AssignmentEventConsumer assignments;

    @Inject
    ObjectMapper mapper;

    /** One world of users, groups and grants; built twice, delivered once per event and once set-wise. */
    private static final class World {
        final Map<String, String> ids = new LinkedHashMap<>();
        final List<AssignmentGranted> grants = new ArrayList<>();
        final Instant requestedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

        World() {
            String sales = id("sales", createGroup("Batch sales"));
            String ops = id("ops", createGroup("Batch ops"));
            String ann = id("ann", createUser("Batch Ann"));
            String bob = id("bob", createUser("Batch Bob"));
            String ghost = id("ghost", UUID.randomUUID().toString());
            String noGroup = id("noGroup", UUID.randomUUID().toString());
            addMember(ops, bob); // bob is a direct member already: his delivered place is not announced again
            // distinct display names: a report lists its roles by display name (then by random role id)
            ResourceRoleRef salesMember = role("salesMember", group(sales, "Sales member", "Member_"));
            ResourceRoleRef opsOwner = role("opsOwner", group(ops, "Ops owner", "Owner_"));
            ResourceRoleRef opsMember = role("opsMember", group(ops, "Ops member", "Member_"));
            ResourceRoleRef missing = role("missing", group(noGroup, "Missing member", "Member_"));
            ResourceRoleRef badName = role("badName", AssignmentDeliveryTest.role(sales, "Odd", "Guest_x", "AadGroup"));
            ResourceRoleRef unsupported = role("unsupported", AssignmentDeliveryTest.role(sales, "Mail", "Send", "Exchange"));
            grant("a1", ann, salesMember, opsOwner, salesMember); // the role listed twice counts once
            grant("a2", bob, salesMember, opsMember);
            grant("a3", ann, salesMember); // a second assignment giving ann's place: not announced twice
            grant("a4", ghost, salesMember);
            grant("a5", bob, missing, badName, unsupported, opsMember);
        }

        static ResourceRoleRef group(String groupId, String displayName, String prefix) {
            return AssignmentDeliveryTest.role(groupId, displayName, prefix + groupId, "AadGroup");
        }

        String id(String name, String value) {
            ids.put(name, value);
            return value;
        }

        ResourceRoleRef role(String name, ResourceRoleRef role) {
            id(name, role.roleId().toString());
            id(name + "Resource", role.resourceId().toString());
            return role;
        }

        void grant(String name, String user, ResourceRoleRef... roles) {
            UUID assignment = UUID.fromString(id(name, UUID.randomUUID().toString()));
            UUID request = UUID.fromString(id(name + "Request", UUID.randomUUID().toString()));
            UUID accessPackage = UUID.fromString(id(name + "Package", UUID.randomUUID().toString()));
            UUID policy = UUID.fromString(id(name + "Policy", UUID.randomUUID().toString()));
            grants.add(new AssignmentGranted(assignment, request, accessPackage, policy, UUID.fromString(user),
                    Instant.parse("2030-01-01T00:00:00Z"), null, List.of(roles)));
        }

        /** The world's own ids replaced by their names, so two worlds' rows compare. */
        String named(String text) {
            String named = text;
            for (Map.Entry<String, String> id : ids.entrySet()) {
                named = named.replace(id.getValue(), "<" + id.getKey() + ">");
            }
            return named;
        }

        String assignmentIds() {
            return "{" + String.join(",", grants.stream().map(g -> g.assignmentId().toString()).toList()) + "}";
        }
    }

    @Test
    void aBatchOfGrantsWritesWhatTheGrantsOneByOneWrite() throws Throwable {
        World perEvent = new World();
        for (AssignmentGranted grant : perEvent.grants) {
            inTransaction(() -> delivery.grant(grant, perEvent.requestedAt));
        }
        World setWise = new World();
        inTransaction(() -> batch.deliver(setWise.grants.stream()
                .map(g -> new GrantBatch.Grant(g, setWise.requestedAt)).toList()));

        assertEquals(dump(perEvent), dump(setWise));
        assertTrue(dump(setWise).contains("groupMemberAdded"), dump(setWise));

        // delivered again (as a re-sent grant would be): nothing new but the reports
        String before = memberships(setWise);
        long directoryEvents = directoryEvents(setWise);
        inTransaction(() -> batch.deliver(setWise.grants.stream()
                .map(g -> new GrantBatch.Grant(g, setWise.requestedAt)).toList()));
        assertEquals(before, memberships(setWise));
        assertEquals(directoryEvents, directoryEvents(setWise));
        assertEquals(ledger(setWise), ledger(setWise));
    }

    @Test
    void aMixedPollKeepsEachAssignmentsOrder() throws Throwable {
        String group = createGroup("Mixed poll");
        String ann = createUser("Mixed Ann");
        String bob = createUser("Mixed Bob");
        ResourceRoleRef role = member(group);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        AssignmentGranted grantFirst = AssignmentDeliveryTest.grant(first, ann, role);
        List<IdempotentConsumer.Received> poll = List.of(
                received(EventTypes.ASSIGNMENT_GRANTED, first, grantFirst),
                received(EventTypes.ASSIGNMENT_REMOVED, first, AssignmentDeliveryTest.removal(first, ann, role)),
                received(EventTypes.ASSIGNMENT_GRANTED, second, AssignmentDeliveryTest.grant(second, bob, role)),
                received(EventTypes.ASSIGNMENT_GRANTED, second, AssignmentDeliveryTest.grant(second, bob, role)),
                received(EventTypes.ASSIGNMENT_GRANTED, first, grantFirst));
        inTransaction(() -> assignments.applyAll(poll));

        // granted, removed, granted again: ann is a member again; bob's re-sent grant wrote his place once
        assertEquals(List.of(ann, bob).stream().sorted().toList(), members(group).stream().sorted().toList());
        assertEquals("delivered", Db.first("select status from delivery_ledger where assignment_id = ?", first));
        assertEquals(1, Db.count("select count(*) from group_membership where group_id = ?::uuid and member_id = ?::uuid",
                group, bob));
        assertEquals("grant,remove,grant", Db.first("select string_agg(payload::json ->> 'operation', ',' "
                + "order by position) from outbox_event where event_key = ? and event_type = ?", first.toString(),
                EventTypes.DELIVERY_REPORTED));
        assertEquals(String.join(",", EventTypes.GROUP_MEMBER_ADDED, EventTypes.GROUP_MEMBER_REMOVED,
                EventTypes.GROUP_MEMBER_ADDED), Db.first("select string_agg(event_type, ',' order by position) "
                + "from outbox_event where event_key = ? and event_type like '%groupMember%'", ann));
        assertEquals(2, Db.count("select count(*) from outbox_event where event_key = ? and event_type = ?",
                second.toString(), EventTypes.DELIVERY_REPORTED));
    }

    @Test
    void aPollWithABadGrantDeliversTheOthersAndDeadLettersOnlyIt() throws Throwable {
        String group = createGroup("Poll with a bad grant");
        List<String> users = new ArrayList<>();
        List<AssignmentGranted> grants = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String user = createUser("Poll user " + i);
            users.add(user);
            ResourceRoleRef role = member(group);
            if (i == 3) { // too long for the ledger: the set-wise write fails, and so does this grant on its own
                role = new ResourceRoleRef(role.roleId(), "x".repeat(300), role.roleOriginId(), role.originSystem(),
                        role.resourceId(), role.resourceOriginId(), role.scopeOriginId());
            }
            grants.add(AssignmentDeliveryTest.grant(UUID.randomUUID(), user, role));
        }
        List<String> eventIds = grants.stream().map(g -> UUID.randomUUID().toString()).toList();
        publishTogether(grants, eventIds);

        AssignmentGranted bad = grants.get(3);
        for (int i = 0; i < grants.size(); i++) {
            if (i != 3) {
                String user = users.get(i);
                await().atMost(Duration.ofSeconds(30)).until(() -> members(group).contains(user));
            }
        }
        ConsumerRecord<String, String> deadLettered = TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS + ".dlq",
                EventTypes.ASSIGNMENT_GRANTED, bad.assignmentId().toString());
        assertEquals(eventIds.get(3), TestEvents.header(deadLettered, CloudEventHeaders.ID).orElseThrow());
        JsonNode failed = mapper.readTree(TestEvents.awaitEvent(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED,
                bad.assignmentId().toString()).value());
        assertEquals("deliveryFailed", failed.get("outcome").asText());
        assertTrue(!members(group).contains(users.get(3)));
        for (int i = 0; i < grants.size(); i++) {
            if (i != 3) {
                JsonNode report = mapper.readTree(TestEvents.awaitEvent(Topics.DELIVERY_EVENTS,
                        EventTypes.DELIVERY_REPORTED, grants.get(i).assignmentId().toString()).value());
                assertEquals("delivered", report.get("outcome").asText());
            }
        }

        // the same poll again (the same event ids): nothing changes
        String outbox = Db.first("select count(*) from outbox_event");
        String memberships = Db.first("select count(*) from group_membership where group_id = ?::uuid", group);
        List<AssignmentGranted> good = new ArrayList<>(grants);
        List<String> goodIds = new ArrayList<>(eventIds);
        good.remove(3);
        goodIds.remove(3);
        publishTogether(good, goodIds);
        String marker = UUID.randomUUID().toString();
        for (AssignmentGranted grant : good) {
            String key = grant.assignmentId().toString();
            TestEvents.publish(Topics.ASSIGNMENT_EVENTS, "tessera.test.marker.v1", key, "{}", marker + key);
            TestEvents.awaitProcessed(AssignmentEventConsumer.CONSUMER, marker + key);
        }
        assertEquals(outbox, Db.first("select count(*) from outbox_event"));
        assertEquals(memberships, Db.first("select count(*) from group_membership where group_id = ?::uuid", group));
    }

    /** All events sent before any is waited for, so they reach the consumer in as few polls as they can. */
    private void publishTogether(List<AssignmentGranted> grants, List<String> eventIds) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < grants.size(); i++) {
                ConsumerRecord<String, String> record = record(EventTypes.ASSIGNMENT_GRANTED,
                        grants.get(i).assignmentId(), grants.get(i), eventIds.get(i));
                ProducerRecord<String, String> out = new ProducerRecord<>(Topics.ASSIGNMENT_EVENTS, record.key(),
                        record.value());
                record.headers().forEach(h -> out.headers().add(h));
                producer.send(out);
            }
            producer.flush();
        }
    }

    private IdempotentConsumer.Received received(String type, UUID key, Object payload) throws Exception {
        ConsumerRecord<String, String> record = record(type, key, payload, UUID.randomUUID().toString());
        return new IdempotentConsumer.Received(EventEnvelope.from(record), record);
    }

    private ConsumerRecord<String, String> record(String type, UUID key, Object payload, String eventId)
            throws Exception {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.ASSIGNMENT_EVENTS, 0, 0L, key.toString(),
                mapper.writeValueAsString(payload));
        header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(record, CloudEventHeaders.ID, eventId);
        header(record, CloudEventHeaders.TYPE, type);
        header(record, CloudEventHeaders.SOURCE, "/tessera/test");
        header(record, CloudEventHeaders.SUBJECT, key.toString());
        header(record, CloudEventHeaders.TIME, Instant.now().toString());
        return record;
    }

    private static void header(ConsumerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void inTransaction(Supplier<Uni<Void>> work) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    }

    /** Everything a world's delivery wrote, its own ids replaced by names and the times left out. */
    private String dump(World world) throws Exception {
        return memberships(world) + "\n" + ledger(world) + "\n" + events(world);
    }

    private String memberships(World world) {
        return sorted(world.named(Db.first("select string_agg(group_id || ' ' || member_id || ' ' || relationship || ' ' "
                + "|| source, '\n' order by group_id, member_id, relationship, source) from group_membership "
                + "where group_id = any(?::uuid[]) or source = any(?::text[])",
                "{" + world.ids.get("sales") + "," + world.ids.get("ops") + "}", world.assignmentIds())));
    }

    /** Lines in an order that does not depend on the world's random ids. */
    private static String sorted(String lines) {
        return String.join("\n", lines.lines().sorted().toList());
    }

    private String ledger(World world) {
        return sorted(world.named(Db.first("select string_agg(concat_ws(' ', assignment_id, role_id, access_package_id, "
                + "role_display_name, origin_system, resource_origin_id, role_origin_id, target_id, status, error, "
                + "requested_at is not null, started_at is not null, delivered_at is not null, failed_at is not null, "
                + "removed_at, request_id, end_at, pim_command_id), '\n' order by assignment_id, role_id) "
                + "from delivery_ledger where assignment_id = any(?::uuid[])", world.assignmentIds())));
    }

    private long directoryEvents(World world) {
        return Db.count("select count(*) from outbox_event where topic = ? and event_key in (?, ?)",
                Topics.DIRECTORY_EVENTS, world.ids.get("ann"), world.ids.get("bob"));
    }

    /** The world's outbox rows in position order (keys: its users and assignments), payload times left out. */
    private String events(World world) throws Exception {
        List<String> keys = new ArrayList<>(world.ids.values());
        String rows = Db.first("select string_agg(topic || ' ' || event_type || ' ' || event_key || ' ' || subject "
                + "|| ' ' || source || ' ' || payload, '\n' order by position) from outbox_event "
                + "where event_key = any(?::text[]) and event_type not like '%Created%'", "{" + String.join(",", keys) + "}");
        StringBuilder out = new StringBuilder();
        for (String row : rows.split("\n")) {
            int json = row.indexOf('{');
            ObjectNode payload = (ObjectNode) mapper.readTree(row.substring(json));
            withoutTimes(payload);
            out.append(row, 0, json).append(payload).append('\n');
        }
        return world.named(out.toString());
    }

    private static void withoutTimes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<String> names = object.fieldNames();
            List<String> times = new ArrayList<>();
            names.forEachRemaining(name -> {
                if (name.endsWith("DateTime")) {
                    times.add(name);
                }
            });
            object.remove(times);
        }
        node.forEach(GrantBatchTest::withoutTimes);
    }
}
