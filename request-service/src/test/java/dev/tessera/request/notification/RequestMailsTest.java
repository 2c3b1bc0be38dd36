package dev.tessera.request.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.SmtpServer;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Entitlement management's mails arrive in a real SMTP server (GreenMail), once each, also after an SMTP outage. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(SmtpServer.class)
class RequestMailsTest {

    static final String REQUESTS = "/v1.0/identityGovernance/entitlementManagement/assignmentRequests";
    static final String APPROVALS = "/v1.0/identityGovernance/entitlementManagement/accessPackageAssignmentApprovals";
    static final String MINE = APPROVALS + "/filterByCurrentUser(on='approver')";
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/\\S+)");

    @SmtpServer.Inject
    SmtpServer smtp;

    @Inject
    Pool pool;

    @Inject
    MutableClock clock;

    final String alice = UUID.randomUUID().toString();
    final String aliceMail = "alice." + alice.substring(0, 8) + "@contoso.test";
    final String approver = UUID.randomUUID().toString();
    final String approverMail = "approver." + approver.substring(0, 8) + "@contoso.test";
    String packageId;
    String policyId;

    void setUp() {
        setUp(true);
    }

    void setUp(boolean approval) {
        FakeDirectoryApi.userWithMail(alice, "Member", aliceMail);
        FakeDirectoryApi.userWithMail(approver, "Member", approverMail);
        packageId = UUID.randomUUID().toString();
        policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Finance reports")
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "With approval").put("allowedTargetScope", "allMemberUsers");
        policy.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true);
        ArrayNode stages = policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", approval)
                .putArray("stages");
        if (approval) {
            stages.addObject().put("durationBeforeAutomaticDenial", "P14D").putArray("primaryApprovers").addObject()
                    .put("@odata.type", "#microsoft.graph.singleUser").put("userId", approver);
        }
        FakeCatalogApi.groupMemberRole(context, UUID.randomUUID().toString());
        FakeCatalogApi.register(packageId, context);
    }

    String request() {
        return given().auth().oauth2(Tokens.user(alice)).contentType(ContentType.JSON).body("""
                {"requestType":"userAdd","justification":"quarter close",
                 "assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(alice, policyId, packageId))
                .when().post(REQUESTS).then().statusCode(201).body("state", equalTo("pendingApproval"))
                .extract().path("id");
    }

    void approve(String requestId) {
        String stageId = given().auth().oauth2(Tokens.user(approver)).when().get(MINE).then().statusCode(200)
                .body("value.id", hasItem(requestId))
                .extract().path("value.find { it.id == '" + requestId + "' }.stages.find { it.status == 'InProgress' }.id");
        given().auth().oauth2(Tokens.user(approver)).contentType(ContentType.JSON).body("{\"reviewResult\":\"Approve\"}")
                .when().patch(APPROVALS + "/" + requestId + "/stages/" + stageId).then().statusCode(204);
    }

    SmtpServer.Received awaitOne(String to, String subjectPart) {
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.receivedBy(to).stream()
                .anyMatch(m -> m.subject().contains(subjectPart)));
        List<SmtpServer.Received> matching = smtp.receivedBy(to).stream()
                .filter(m -> m.subject().contains(subjectPart)).toList();
        assertEquals(1, matching.size(), "one mail '" + subjectPart + "' to " + to);
        return matching.get(0);
    }

    static String linkPath(String text) {
        Matcher link = LINK.matcher(text);
        assertTrue(link.find(), "a link in: " + text);
        return link.group(1);
    }

    long pendingMails() {
        return pool.preparedQuery("select count(*) from durable_timer where kind = 'mail.send' and timer_key like $1")
                .execute(Tuple.of("%" + approver + "%")).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    @Test
    void theApproverIsAskedWithAWorkingLinkAndTheRequestorIsToldOfTheApproval() {
        setUp();
        String requestId = request();

        SmtpServer.Received ask = awaitOne(approverMail, "Finance reports");
        assertTrue(ask.subject().startsWith("Action required"), ask.subject());
        assertTrue(ask.text().contains("quarter close"), ask.text());
        assertEquals("tessera@tessera.test", ask.from());
        // the link opens the approval (its id is the request's) for the approver
        String path = linkPath(ask.text());
        assertEquals(APPROVALS + "/" + requestId, path);
        given().auth().oauth2(Tokens.user(approver)).when().get(path).then().statusCode(200)
                .body("id", equalTo(requestId));

        approve(requestId);
        SmtpServer.Received approved = awaitOne(aliceMail, "was approved");
        assertTrue(approved.subject().contains("Finance reports"), approved.subject());
        String requestPath = linkPath(approved.text());
        assertEquals(REQUESTS + "/" + requestId, requestPath);
        given().auth().oauth2(Tokens.user(alice)).when().get(requestPath).then().statusCode(200)
                .body("id", equalTo(requestId));

        // each once: the approver was asked once, alice told once
        assertEquals(1, smtp.receivedBy(approverMail).size());
        assertEquals(1, smtp.receivedBy(aliceMail).size());
    }

    @Test
    void theRequestorIsToldOfADenialAndOfACancel() {
        setUp();
        String denied = request();
        awaitOne(approverMail, "Finance reports");
        String stageId = given().auth().oauth2(Tokens.user(approver)).when().get(MINE).then().statusCode(200)
                .extract().path("value.find { it.id == '" + denied + "' }.stages.find { it.status == 'InProgress' }.id");
        given().auth().oauth2(Tokens.user(approver)).contentType(ContentType.JSON)
                .body("{\"reviewResult\":\"Deny\",\"justification\":\"not this quarter\"}")
                .when().patch(APPROVALS + "/" + denied + "/stages/" + stageId).then().statusCode(204);
        SmtpServer.Received denial = awaitOne(aliceMail, "was denied");
        assertTrue(denial.text().contains("not this quarter"), denial.text());
        assertEquals(REQUESTS + "/" + denied, linkPath(denial.text()));

        String canceled = request();
        given().auth().oauth2(Tokens.user(alice)).when().post(REQUESTS + "/" + canceled + "/cancel").then().statusCode(204);
        SmtpServer.Received cancel = awaitOne(aliceMail, "was canceled");
        assertEquals(REQUESTS + "/" + canceled, linkPath(cancel.text()));
        assertEquals(2, smtp.receivedBy(approverMail).size(), "asked once per request");
    }

    @Test
    void theRequestorIsToldOfTheDeliveryAndTheTargetIsWarnedADayBeforeTheExpiryAndAtIt() {
        setUp(false);
        String requestId = given().auth().oauth2(Tokens.user(alice)).contentType(ContentType.JSON).body("""
                {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(alice, policyId, packageId)).when().post(REQUESTS).then().statusCode(201).extract().path("id");
        String assignmentId = given().auth().oauth2(Tokens.user(alice)).queryParam("$expand", "assignment")
                .when().get(REQUESTS + "/" + requestId).then().statusCode(200).extract().path("assignment.id");
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId);
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, """
                {"assignmentId":"%s","requestId":"%s","operation":"grant","outcome":"delivered",
                 "completedDateTime":"2026-11-22T10:00:00Z","roles":[]}""".formatted(assignmentId, requestId));
        SmtpServer.Received delivered = awaitOne(aliceMail, "You now have access");
        assertEquals(REQUESTS + "/" + requestId, linkPath(delivered.text()));

        Instant end = Instant.parse(given().auth().oauth2(Tokens.user(alice)).when()
                .get("/v1.0/identityGovernance/entitlementManagement/assignments/" + assignmentId)
                .then().statusCode(200).extract().path("schedule.expiration.endDateTime"));
        try {
            // a day before the end: the warning
            clock.set(end.minus(Duration.ofDays(1)).plusMillis(1));
            SmtpServer.Received soon = awaitOne(aliceMail, "expires soon");
            assertTrue(soon.text().contains(end.toString()), soon.text());
            assertEquals("/v1.0/identityGovernance/entitlementManagement/assignments/" + assignmentId,
                    linkPath(soon.text()));
            clock.set(end.plusMillis(1));
            SmtpServer.Received expired = awaitOne(aliceMail, "has expired");
            assertEquals("/v1.0/identityGovernance/entitlementManagement/assignments/" + assignmentId,
                    linkPath(expired.text()));
        } finally {
            clock.reset();
        }
    }

    @Test
    void withTheSmtpServerDownRequestsGoOnAndNoMailIsLost() {
        setUp();
        smtp.stopServer();
        String requestId;
        try {
            requestId = request();
            // the approver's mail waits, held (not parked) while the server is away
            await().atMost(Duration.ofSeconds(30)).until(() -> heldMail(approver));
            approve(requestId);
            given().auth().oauth2(Tokens.user(alice)).when().get(REQUESTS + "/" + requestId).then().statusCode(200)
                    .body("state", equalTo("delivering"));
        } finally {
            smtp.startServer();
        }
        awaitOne(approverMail, "Finance reports");
        awaitOne(aliceMail, "was approved");
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingMails() == 0);
        assertEquals(1, smtp.receivedBy(approverMail).size());
        assertEquals(1, smtp.receivedBy(aliceMail).size());
    }

    boolean heldMail(String recipient) {
        var rows = pool.preparedQuery("select attempts, last_error, parked_at from durable_timer "
                        + "where kind = 'mail.send' and timer_key like $1")
                .execute(Tuple.of("%" + recipient + "%")).await().atMost(Duration.ofSeconds(10));
        for (Row r : rows) {
            if (r.getString("last_error") != null) {
                assertEquals(0, r.getInteger("attempts"), "an SMTP outage is not counted as a failed attempt");
                assertEquals(null, r.getValue("parked_at"));
                return true;
            }
        }
        return false;
    }
}
