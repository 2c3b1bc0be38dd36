package dev.tessera.request.delivery;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.events.DeliveryReported;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A poll of delivery reports is applied set-wise ({@link DeliveryOutcomes#poll}: the poll's rows loaded
 * in one query each, flushed at commit in batches): the rows end exactly as when the same reports are
 * applied one at a time, and a replay of the poll's events changes nothing.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class DeliveryPollTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final UUID ROLE = UUID.randomUUID();

    @Inject
    DeliveryOutcomes outcomes;

    String packageId;
    String policyId;

    record Granted(UUID requestId, UUID assignmentId) {
    }

    /** What a row says after the reports, timestamps aside (compared on their own). */
    record Row(String assignmentState, String assignmentStatus, String deliveryDetail, boolean expired,
            String requestState, String requestStatus, String failure, boolean completed) {
    }

    @BeforeEach
    void aPackage() {
        packageId = UUID.randomUUID().toString();
        policyId = UUID.randomUUID().toString();
        FakeCatalogApi.registerDirectPackage(packageId, policyId, "Polled");
    }

    Granted grant() {
        String target = UUID.randomUUID().toString();
        FakeDirectoryApi.user(target, "Member");
        String requestId = given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator"))
                .contentType(ContentType.JSON).body("""
                        {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                        """.formatted(target, policyId, packageId))
                .when().post(EM + "/assignmentRequests").then().statusCode(201).extract().path("id");
        String assignmentId = given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator"))
                .queryParam("$expand", "assignment").when().get(EM + "/assignmentRequests/" + requestId)
                .then().statusCode(200).extract().path("assignment.id");
        return new Granted(UUID.fromString(requestId), UUID.fromString(assignmentId));
    }

    static DeliveryReported report(Granted g, String operation, String outcome, String roleStatus) {
        return new DeliveryReported(g.assignmentId(), g.requestId(), operation, outcome,
                Instant.parse("2026-11-22T10:00:00Z"), List.of(new DeliveryReported.RoleDelivery(ROLE,
                        "Member", roleStatus, "failed".equals(roleStatus) ? "group is gone" : null)));
    }

    /**
     * Five assignments' worth of reports, with the kinds a poll carries: delivered, partially delivered,
     * failed, delivered then removed (two reports for one assignment in one poll), and a report for an
     * assignment request-service does not know.
     */
    static List<DeliveryReported> reports(List<Granted> g) {
        List<DeliveryReported> reports = new ArrayList<>();
        reports.add(report(g.get(0), DeliveryReported.GRANT, "delivered", "delivered"));
        reports.add(report(g.get(1), DeliveryReported.GRANT, "partiallyDelivered", "failed"));
        reports.add(report(g.get(2), DeliveryReported.GRANT, "deliveryFailed", "failed"));
        reports.add(report(g.get(3), DeliveryReported.GRANT, "delivered", "delivered"));
        reports.add(report(g.get(3), DeliveryReported.REMOVE, "removed", "removed"));
        reports.add(report(new Granted(UUID.randomUUID(), UUID.randomUUID()), DeliveryReported.GRANT, "delivered",
                "delivered"));
        reports.add(report(g.get(4), DeliveryReported.REMOVE, "removed", "removed"));
        return reports;
    }

    List<Granted> grants(int n) {
        List<Granted> granted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            granted.add(grant());
        }
        return granted;
    }

    static Row row(Granted g) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Assignment.<Assignment>findById(g.assignmentId())
                .chain(a -> AssignmentRequest.<AssignmentRequest>findById(g.requestId()).map(r -> new Row(a.state.name(),
                        a.status, a.deliveryDetail, a.expiredAt != null, r.state.name(), r.status, r.failure,
                        r.completedAt != null)))));
    }

    static Instant[] stamps(Granted g) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Assignment.<Assignment>findById(g.assignmentId())
                .chain(a -> AssignmentRequest.<AssignmentRequest>findById(g.requestId())
                        .map(r -> new Instant[] {a.modifiedAt, a.expiredAt, r.completedAt}))));
    }

    @Test
    void aPollGivesTheSameRowsAsTheSameReportsOneAtATime() throws Throwable {
        List<Granted> polled = grants(5);
        List<Granted> single = grants(5);
        List<DeliveryReported> pollReports = reports(polled);
        List<DeliveryReported> singleReports = reports(single);

        Instant before = Instant.now();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            DeliveryOutcomes.Poll poll = outcomes.poll(pollReports);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (DeliveryReported report : pollReports) {
                chain = chain.chain(() -> poll.apply(report));
            }
            return chain;
        }));
        for (DeliveryReported report : singleReports) {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outcomes.apply(report)));
        }

        for (int i = 0; i < polled.size(); i++) {
            assertEquals(row(single.get(i)), row(polled.get(i)), "assignment " + i);
        }
        assertEquals("delivered", row(polled.get(0)).requestState());
        assertEquals("partiallyDelivered", row(polled.get(1)).assignmentState());
        assertEquals("group is gone", row(polled.get(1)).failure().replaceAll(".*: ", ""));
        assertEquals("expired", row(polled.get(3)).assignmentState());
        // the removal's time is the report's; completed as the first report was applied
        assertEquals(Instant.parse("2026-11-22T10:00:00Z"), stamps(polled.get(3))[1]);
        for (Granted g : polled) {
            Instant completed = stamps(g)[2];
            assertNotNull(completed);
            assertEquals(false, completed.isBefore(before.minusSeconds(1)), "completed when applied");
        }
    }

    @Test
    void aPollThroughKafkaThenItsReplayChangeNothingTwice() throws Throwable {
        List<Granted> granted = grants(5);
        List<DeliveryReported> reports = reports(granted);
        List<String> eventIds = new ArrayList<>();
        for (DeliveryReported report : reports) {
            String eventId = UUID.randomUUID().toString();
            eventIds.add(eventId);
            TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, report.assignmentId().toString(),
                    MAPPER.writeValueAsString(report), eventId);
        }
        eventIds.forEach(id -> TestEvents.awaitProcessed("request-service", id));
        List<Row> rows = new ArrayList<>();
        List<List<Instant>> stamps = new ArrayList<>();
        for (Granted g : granted) {
            rows.add(row(g));
            stamps.add(java.util.Arrays.asList(stamps(g)));
        }
        assertEquals("delivered", rows.get(0).requestState());
        assertEquals("deliveryFailed", rows.get(2).assignmentState());
        assertEquals("expired", rows.get(3).assignmentState());
        assertEquals("delivered", rows.get(3).requestState());
        assertNull(rows.get(0).failure());

        // the same events again (a redelivery after a lost commit), then, behind them on each partition,
        // a report for an assignment nobody knows: once it is processed, the replays were judged
        for (int i = 0; i < reports.size(); i++) {
            TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED,
                    reports.get(i).assignmentId().toString(), MAPPER.writeValueAsString(reports.get(i)), eventIds.get(i));
        }
        List<String> behind = new ArrayList<>();
        for (DeliveryReported report : reports) {
            String eventId = UUID.randomUUID().toString();
            behind.add(eventId);
            TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, report.assignmentId().toString(),
                    MAPPER.writeValueAsString(report(new Granted(UUID.randomUUID(), UUID.randomUUID()),
                            DeliveryReported.GRANT, "delivered", "delivered")), eventId);
        }
        behind.forEach(id -> TestEvents.awaitProcessed("request-service", id));
        for (int i = 0; i < granted.size(); i++) {
            assertEquals(rows.get(i), row(granted.get(i)));
            assertEquals(stamps.get(i), java.util.Arrays.asList(stamps(granted.get(i))), "timestamps of assignment " + i);
        }
    }
}
