package dev.tessera.request.bulk;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.request.fake.FakeGroupsApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The set-wise chunk (two members per chunk in tests): each member decided once, with the rows and the
 * grant event a single adminAdd writes; a chunk that fails commits nothing and only it is repeated; the
 * group's members are read in Graph's largest pages, ids only.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class BulkChunksTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final String START = EM + "/assignments/tessera.assignGroupMembers";
    static final String JOBS = EM + "/assignments/tessera.bulkAssignmentJobs";
    static final String REQUESTS = EM + "/assignmentRequests";
    static final ObjectMapper MAPPER = new ObjectMapper();

    String adminToken;
    String packageId;
    String policyId;
    String legacyId;
    String legacyPolicyId;
    String auditors;

    @BeforeEach
    void packagesThatExcludeEachOther() {
        adminToken = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
        packageId = UUID.randomUUID().toString();
        policyId = UUID.randomUUID().toString();
        legacyId = UUID.randomUUID().toString();
        legacyPolicyId = UUID.randomUUID().toString();
        auditors = UUID.randomUUID().toString();
        FakeCatalogApi.registerDirectPackage(legacyId, legacyPolicyId, "Legacy tools");
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Sales tools")
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Direct").put("allowedTargetScope", "notSpecified");
        policy.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        FakeCatalogApi.groupMemberRole(context, UUID.randomUUID().toString());
        ObjectNode incompatible = context.putObject("incompatible");
        incompatible.putArray("accessPackages").addObject().put("id", legacyId).put("displayName", "Legacy tools");
        incompatible.putArray("groups").addObject().put("id", auditors).put("displayName", "Auditors");
        FakeCatalogApi.register(packageId, context);
        FakeGroupsApi.group(auditors);
    }

    @Test
    void everyMemberIsDecidedOnceWithTheRowsAndTheEventASingleAdminAddWrites() throws Exception {
        List<String> members = users(9);
        String holder = members.get(0);
        String single = adminAdd(holder, packageId, policyId);
        String waiter = members.get(1);
        waitingForApproval(waiter);
        String legacyHolder = members.get(2);
        String legacy = adminAdd(legacyHolder, legacyId, legacyPolicyId);
        String group = group(members);

        String jobId = start(group).statusCode(202).extract().path("id");
        awaitCompleted(jobId).body("total", equalTo(9)).body("done", equalTo(9)).body("created", equalTo(6))
                .body("skipped", equalTo(2)).body("failed", equalTo(1))
                .body("failures[0].objectId", equalTo(legacyHolder))
                .body("failures[0].reason", equalTo("Already has access package 'Legacy tools' (assignment " + legacy
                        + "), which is incompatible with access package 'Sales tools'."));

        Map<String, String[]> decided = members(jobId);
        assertEquals("skipped", decided.get(holder)[0]);
        assertEquals("Already has the access package.", decided.get(holder)[1]);
        assertEquals("skipped", decided.get(waiter)[0]);
        assertEquals("Has a request for the access package waiting for approval.", decided.get(waiter)[1]);

        JsonNode singleGrant = grantOf(single);
        for (String member : members.subList(3, 9)) {
            String[] row = decided.get(member);
            assertEquals("created", row[0], member);
            assertNull(row[1]);
            Map<String, String> request = onlyRequest(member);
            assertEquals(row[2], request.get("id"), "the member row names its request");
            assertEquals("adminAdd", request.get("request_type"));
            assertEquals("Q3", request.get("justification"));
            String assignment = request.get("assignment_id");
            assertEquals(1, count("select count(*) from assignment where id = ?::uuid and target_object_id = ?::uuid "
                    + "and access_package_id = ?::uuid and state <> 'expired' and end_at is not null",
                    assignment, member, packageId));
            assertEquals(1, count("select count(*) from durable_timer t join assignment a on a.id::text = t.timer_key "
                    + "where t.kind = 'request.assignmentExpiry' and a.id = ?::uuid and t.due_at = a.end_at", assignment));
            JsonNode grant = grantOf(assignment);
            assertEquals(request.get("id"), grant.get("requestId").asText());
            assertEquals(member, grant.get("targetObjectId").asText());
            assertEquals(policyId, grant.get("policyId").asText());
            assertEquals(singleGrant.get("resourceRoles"), grant.get("resourceRoles"));
            List<String> fields = new ArrayList<>();
            grant.fieldNames().forEachRemaining(fields::add);
            List<String> singleFields = new ArrayList<>();
            singleGrant.fieldNames().forEachRemaining(singleFields::add);
            assertEquals(singleFields, fields, "the same payload as a single adminAdd's grant");
        }
        // the holder kept its own assignment and got no second grant
        assertEquals(1, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, single).size());

        String rerun = start(group).statusCode(202).extract().path("id");
        awaitCompleted(rerun).body("created", equalTo(0)).body("skipped", equalTo(8)).body("failed", equalTo(1));
        for (String member : members) {
            assertTrue(count("select count(*) from assignment_request where target_object_id = ?::uuid "
                    + "and access_package_id = ?::uuid", member, packageId) <= 1, member);
        }
    }

    @Test
    void aChunkThatFailsCommitsNothingAndOnlyItIsRepeated() throws Exception {
        List<String> members = users(7).stream().sorted().toList();
        // the second chunk (two members per chunk in tests) fails when it inserts the assignment of its second member
        String trap = members.get(3);
        String partner = members.get(2);
        String function = "bulk_trap_" + UUID.randomUUID().toString().replace("-", "");
        execute("create function " + function + "() returns trigger language plpgsql as $$ begin "
                + "raise exception 'test trap for %', new.target_object_id; end $$");
        execute("create trigger " + function + " before insert on assignment for each row when (new.target_object_id = '"
                + trap + "') execute function " + function + "()");
        String jobId;
        try {
            jobId = start(group(members)).statusCode(202).extract().path("id");
            await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from durable_timer "
                    + "where kind = 'request.bulkAssignment' and timer_key = ? and attempts >= 1", jobId) == 1);
            job(jobId).body("done", equalTo(2)).body("created", equalTo(2)).body("status", equalTo("running"));
            Map<String, String[]> decided = members(jobId);
            assertEquals("pending", decided.get(partner)[0]);
            assertEquals("pending", decided.get(trap)[0]);
            for (String member : List.of(partner, trap)) {
                assertEquals(0, count("select count(*) from assignment_request where target_object_id = ?::uuid",
                        member));
                assertEquals(0, count("select count(*) from assignment where target_object_id = ?::uuid", member));
            }
        } finally {
            execute("drop trigger if exists " + function + " on assignment");
            execute("drop function if exists " + function + "()");
        }

        awaitCompleted(jobId).body("done", equalTo(7)).body("created", equalTo(7)).body("failed", equalTo(0));
        for (String member : members) {
            String assignment = onlyRequest(member).get("assignment_id");
            assertEquals(1, count("select count(*) from assignment where target_object_id = ?::uuid", member));
            assertEquals(1, count("select count(*) from outbox_event where event_key = ? and event_type = ?",
                    assignment, EventTypes.ASSIGNMENT_GRANTED));
        }
    }

    @Test
    void theGroupIsReadInGraphsLargestPagesOfIdsOnly() throws Exception {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 2_100; i++) {
            members.add(UUID.randomUUID().toString());
        }
        String group = group(members);
        // every member is in the incompatible group: the job is decided at its start, no chunk runs
        FakeGroupsApi.group(auditors, members.toArray(String[]::new));

        String jobId = start(group).statusCode(202).body("status", equalTo("completed")).body("total", equalTo(2_100))
                .body("failed", equalTo(2_100)).body("done", equalTo(2_100)).extract().path("id");

        assertEquals(2_100, count("select count(*) from bulk_assignment_member where job_id = ?::uuid "
                + "and status = 'failed' and reason like 'Member of group ''Auditors''%'", jobId));
        for (String id : List.of(group, auditors)) {
            List<String> calls = FakeGroupsApi.calls(id);
            assertEquals(3, calls.size(), "2,100 members are three pages: " + calls);
            for (String query : calls) {
                assertTrue(query.contains("top=999"), query);
                assertTrue(query.contains("select=id"), query);
            }
        }
    }

    private JsonNode grantOf(String assignmentId) throws Exception {
        List<ConsumerRecord<String, String>> grants = TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS,
                EventTypes.ASSIGNMENT_GRANTED, assignmentId);
        assertEquals(1, grants.size(), "one grant event for assignment " + assignmentId);
        return MAPPER.readTree(grants.get(0).value());
    }

    private void waitingForApproval(String member) throws Exception {
        execute("insert into assignment_request (id, request_type, state, status, access_package_id, assignment_policy_id, "
                + "target_object_id, requestor_object_id, created_at) values ('" + UUID.randomUUID() + "', 'adminAdd', "
                + "'pendingApproval', 'PendingApproval', '" + packageId + "', '" + policyId + "', '" + member + "', '"
                + UUID.randomUUID() + "', now())");
    }

    private Map<String, String[]> members(String jobId) throws Exception {
        Map<String, String[]> rows = new HashMap<>();
        try (Connection db = connection(); PreparedStatement query = db.prepareStatement(
                "select member_id, status, reason, request_id from bulk_assignment_member where job_id = ?::uuid")) {
            query.setString(1, jobId);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), new String[] {result.getString(2), result.getString(3),
                            result.getString(4)});
                }
            }
        }
        return rows;
    }

    /** The member's one request for the package (fails if there are more or none). */
    private Map<String, String> onlyRequest(String member) throws Exception {
        try (Connection db = connection(); PreparedStatement query = db.prepareStatement(
                "select id, request_type, justification, assignment_id from assignment_request "
                        + "where target_object_id = ?::uuid and access_package_id = ?::uuid")) {
            query.setString(1, member);
            query.setString(2, packageId);
            try (ResultSet result = query.executeQuery()) {
                assertTrue(result.next(), "a request for " + member);
                Map<String, String> row = Map.of("id", result.getString(1), "request_type", result.getString(2),
                        "justification", result.getString(3), "assignment_id", result.getString(4));
                assertTrue(!result.next(), "only one request for " + member);
                return row;
            }
        }
    }

    private static long count(String sql, String... params) throws Exception {
        try (Connection db = connection(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setString(i + 1, params[i]);
            }
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection db = connection(); Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connection() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    private ValidatableResponse job(String jobId) {
        return given().auth().oauth2(adminToken).when().get(JOBS + "/" + jobId).then().statusCode(200);
    }

    private ValidatableResponse awaitCompleted(String jobId) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> job(jobId).body("status", equalTo("completed")));
        return job(jobId);
    }

    private ValidatableResponse start(String group) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{\"accessPackageId\":\"%s\",\"groupId\":\"%s\",\"assignmentPolicyId\":\"%s\",\"justification\":\"Q3\"}"
                        .formatted(packageId, group, policyId))
                .when().post(START).then();
    }

    private static List<String> users(int count) {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            FakeDirectoryApi.user(id, "Member");
            users.add(id);
        }
        return users;
    }

    private static String group(List<String> members) {
        String id = UUID.randomUUID().toString();
        FakeGroupsApi.group(id, members.toArray(String[]::new));
        return id;
    }

    private String adminAdd(String target, String accessPackage, String policy) {
        String requestId = given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(target, policy, accessPackage)).when().post(REQUESTS).then().statusCode(201)
                .extract().path("id");
        return given().auth().oauth2(adminToken).queryParam("$expand", "assignment").when().get(REQUESTS + "/" + requestId)
                .then().extract().path("assignment.id");
    }
}
