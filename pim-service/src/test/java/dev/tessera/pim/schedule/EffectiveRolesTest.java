package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.common.DirectoryRoles;
import dev.tessera.pim.Concurrently;
import dev.tessera.pim.FakeDirectory;
import dev.tessera.pim.directory.DirectoryEventConsumer;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * tessera.pim.effectiveRolesChanged.v1 on the compacted tessera.pim.roles topic, read as any service
 * reads it (a plain KafkaConsumer): each change of the directory roles a user holds — direct, activated
 * or through a role-assignable group — publishes the whole set, a version and what changed and why;
 * once per user per transaction; never two records of one version.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class EffectiveRolesTest {

    static final String D = "/v1.0/roleManagement/directory/";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    @Inject
    BootstrapAdministrators bootstrap;

    @Inject
    dev.tessera.pim.roles.EffectiveRoles roles;

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");
    final String user = FakeDirectory.newUser();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    ValidatableResponse post(String token, String set, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(D + set).then();
    }

    /** An administrator's adminAssign; returns the request. */
    String assign(String set, String principal, String role, String expiration) {
        return post(pra, set, """
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":%s}}
                """.formatted(role, principal, expiration)).statusCode(201).extract().path("id");
    }

    String active(String principal, String role) {
        return assign("roleAssignmentScheduleRequests", principal, role, "{\"type\":\"noExpiration\"}");
    }

    String eligible(String principal, String role) {
        return assign("roleEligibilityScheduleRequests", principal, role, "{\"type\":\"noExpiration\"}");
    }

    String activate(String who, String role) {
        return post(Tokens.builder(who).mfa(true).sign(), "roleAssignmentScheduleRequests", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"incident","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"PT1H"}}}
                """.formatted(who, role)).statusCode(201).body("status", equalTo("Provisioned")).extract().path("id");
    }

    /** The principal's records once there are {@code count}, in order; versions strictly increasing, from 1. */
    static List<JsonNode> records(String principal, int count) {
        List<JsonNode> records = TestEvents.awaitEvents(Topics.PIM_ROLES, EventTypes.PIM_EFFECTIVE_ROLES_CHANGED,
                principal, count).stream().map(r -> read(r.value())).toList();
        for (int i = 0; i < records.size(); i++) {
            assertEquals(i + 1, records.get(i).path("version").asLong(), "versions of " + principal + ": " + records);
            assertEquals(principal, records.get(i).path("principalId").asText());
        }
        assertEquals(count, records.size(), "records of " + principal + ": " + records);
        return records;
    }

    static JsonNode last(String principal, int count) {
        return records(principal, count).get(count - 1);
    }

    static Set<String> roleIds(JsonNode record) {
        List<String> ids = new ArrayList<>();
        record.path("roles").forEach(r -> ids.add(r.path("roleDefinitionId").asText()));
        return Set.copyOf(ids);
    }

    static String changes(JsonNode record) {
        List<String> changes = new ArrayList<>();
        record.path("changes").forEach(c -> changes.add(c.path("change").asText() + ":" + c.path("reason").asText()));
        return changes.stream().sorted().collect(Collectors.joining(","));
    }

    @Test
    void anActiveAssignmentIsGrantedAndAnEligibilityIsNoRole() {
        eligible(user, DirectoryRoles.USER_ADMINISTRATOR);
        String request = active(user, DirectoryRoles.GROUPS_ADMINISTRATOR);

        // the eligibility published nothing: the first record is the assignment's, version 1
        JsonNode record = last(user, 1);
        assertEquals("granted:adminAssign", changes(record));
        assertEquals(request, record.path("changes").get(0).path("requestId").asText());
        assertEquals(Set.of(DirectoryRoles.GROUPS_ADMINISTRATOR), roleIds(record));
        JsonNode role = record.path("roles").get(0);
        assertEquals(DirectoryRoles.GROUPS_ADMINISTRATOR, role.path("roleTemplateId").asText());
        assertEquals("Groups Administrator", role.path("displayName").asText());
        assertEquals("/", role.path("directoryScopeId").asText());
        assertEquals("Direct", role.path("memberType").asText());
        assertEquals("Assigned", role.path("assignmentType").asText());
        assertTrue(role.path("endDateTime").isNull(), "permanent");

        clock.advance(Duration.ofMinutes(6));
        post(pra, "roleAssignmentScheduleRequests", """
                {"action":"adminRemove","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/"}
                """.formatted(user, DirectoryRoles.GROUPS_ADMINISTRATOR)).statusCode(201);
        JsonNode removed = last(user, 2);
        assertEquals("ended:adminRemove", changes(removed));
        assertEquals(0, removed.path("roles").size());
    }

    @Test
    void anActivationIsActivatedWithItsEndAndEndsWhenDeactivatedOrExpired() {
        eligible(user, DirectoryRoles.GROUPS_ADMINISTRATOR);
        eligible(user, DirectoryRoles.HELPDESK_ADMINISTRATOR);
        activate(user, DirectoryRoles.GROUPS_ADMINISTRATOR);

        JsonNode activated = last(user, 1);
        assertEquals("activated:selfActivate", changes(activated));
        JsonNode role = activated.path("roles").get(0);
        assertEquals("Activated", role.path("assignmentType").asText());
        assertFalse(role.path("endDateTime").isNull(), "an activation ends: " + role);

        clock.advance(Duration.ofMinutes(6));
        post(Tokens.builder(user).mfa(true).sign(), "roleAssignmentScheduleRequests", """
                {"action":"selfDeactivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/"}
                """.formatted(user, DirectoryRoles.GROUPS_ADMINISTRATOR)).statusCode(201);
        JsonNode deactivated = last(user, 2);
        assertEquals("ended:selfDeactivate", changes(deactivated));
        assertEquals(0, deactivated.path("roles").size());

        // two activations ending at the same moment expire in one timer batch: one record ends both
        activate(user, DirectoryRoles.GROUPS_ADMINISTRATOR);
        activate(user, DirectoryRoles.HELPDESK_ADMINISTRATOR);
        assertEquals(Set.of(DirectoryRoles.GROUPS_ADMINISTRATOR, DirectoryRoles.HELPDESK_ADMINISTRATOR),
                roleIds(last(user, 4)));
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        JsonNode expired = last(user, 5);
        assertEquals("ended:expired,ended:expired", changes(expired));
        assertEquals(0, expired.path("roles").size());

        // nothing was published between: the next change is version 6
        active(user, DirectoryRoles.GLOBAL_READER);
        assertEquals("granted:adminAssign", changes(last(user, 6)));
    }

    @Test
    void aFutureAssignmentIsGrantedWithItsStartAndAnUpdatedEndIsUpdated() {
        java.time.Instant start = clock.instant().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        post(pra, "roleAssignmentScheduleRequests", """
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"startDateTime":"%s","expiration":{"type":"noExpiration"}}}
                """.formatted(DirectoryRoles.GROUPS_ADMINISTRATOR, user, start)).statusCode(201);
        JsonNode granted = last(user, 1);
        assertEquals("granted:adminAssign", changes(granted));
        assertEquals(start, java.time.Instant.parse(granted.path("roles").get(0).path("startDateTime").asText()),
                "a role that starts later is held with its start (a reader counts it from then)");

        // it starts: the set is the same, nothing is published
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(pra)
                .queryParam("$filter", "principalId eq '" + user + "'").when().get(D + "roleAssignmentSchedules")
                .then().body("value[0].status", equalTo("Provisioned")));
        post(pra, "roleAssignmentScheduleRequests", """
                {"action":"adminUpdate","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"P30D"}}}
                """.formatted(DirectoryRoles.GROUPS_ADMINISTRATOR, user)).statusCode(201);
        JsonNode updated = last(user, 2);
        assertEquals("updated:adminUpdate", changes(updated));
        assertFalse(updated.path("roles").get(0).path("endDateTime").isNull(), "the new end: " + updated);
    }

    @Test
    void aGroupsActiveAssignmentIsHeldByEachMemberUntilTheyLeave() {
        String other = FakeDirectory.newUser();
        String group = FakeDirectory.newGroup(true, user, other);
        String request = active(group, DirectoryRoles.USER_ADMINISTRATOR);

        for (String member : List.of(user, other)) {
            JsonNode record = last(member, 1);
            assertEquals("granted:adminAssign", changes(record));
            assertEquals(request, record.path("changes").get(0).path("requestId").asText());
            JsonNode role = record.path("roles").get(0);
            assertEquals("Group", role.path("memberType").asText());
            assertEquals(group, role.path("groupId").asText());
        }

        FakeDirectory.removeMember(group, user);
        String left = DirectoryEventsTest.memberRemoved(user, group);
        DirectoryEventsTest.processed(left);
        JsonNode gone = last(user, 2);
        assertEquals("ended:groupMemberRemoved", changes(gone));
        assertEquals(0, gone.path("roles").size());

        // the same event again (redelivered), and another saying the same: nothing changes
        DirectoryEventsTest.publish(EventTypes.GROUP_MEMBER_REMOVED, user, group,
                "{\"relationship\":\"member\",\"source\":\"direct\"}", left);
        DirectoryEventsTest.processed(DirectoryEventsTest.memberRemoved(user, group));

        // someone joins: they hold it too, and so does the user who comes back
        String joiner = FakeDirectory.newUser();
        DirectoryEventsTest.processed(DirectoryEventsTest.directoryEvent(EventTypes.GROUP_MEMBER_ADDED, joiner, group,
                "{\"relationship\":\"member\",\"source\":\"direct\"}"));
        assertEquals("granted:groupMemberAdded", changes(last(joiner, 1)));
        DirectoryEventsTest.processed(DirectoryEventsTest.directoryEvent(EventTypes.GROUP_MEMBER_ADDED, user, group,
                "{\"relationship\":\"member\",\"source\":\"direct\"}"));
        // version 3: the redelivered and the repeated removal published nothing
        JsonNode back = last(user, 3);
        assertEquals("granted:groupMemberAdded", changes(back));
        assertEquals(Set.of(DirectoryRoles.USER_ADMINISTRATOR), roleIds(back));
        // the other member was never touched
        assertEquals(1, TestEvents.eventsNow(Topics.PIM_ROLES, EventTypes.PIM_EFFECTIVE_ROLES_CHANGED, other).size());
    }

    @Test
    void aDeletedUserLosesEverythingInOneRecord() {
        active(user, DirectoryRoles.GROUPS_ADMINISTRATOR);
        active(user, DirectoryRoles.HELPDESK_ADMINISTRATOR);
        last(user, 2);
        DirectoryEventsTest.processed(DirectoryEventsTest.directoryEvent(EventTypes.USER_DELETED, user, null, "{}"));
        JsonNode deleted = last(user, 3);
        assertEquals("ended:userDeleted,ended:userDeleted", changes(deleted));
        assertEquals(0, deleted.path("roles").size());
    }

    @Test
    void aGroupsFirstActiveAssignmentIs503WhenTheDirectoryCannotListItsMembers() {
        String group = FakeDirectory.newGroupWithUnreachableMembers();
        post(pra, "roleAssignmentScheduleRequests", """
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(DirectoryRoles.USER_ADMINISTRATOR, group))
                .statusCode(503).body("error.code", equalTo("serviceNotAvailable"));
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + group + "'")
                .when().get(D + "roleAssignmentSchedules").then().statusCode(200).body("value", hasSize(0));
    }

    @Test
    void concurrentChangesOfOneUserPublishConsecutiveVersionsAndLoseNone() throws Exception {
        List<String> roles = List.of(DirectoryRoles.GROUPS_ADMINISTRATOR, DirectoryRoles.HELPDESK_ADMINISTRATOR,
                DirectoryRoles.USER_ADMINISTRATOR, DirectoryRoles.GLOBAL_READER);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Concurrently.run(roles.size(), () -> active(user, roles.get(next.getAndIncrement())));

        List<JsonNode> records = records(user, roles.size());
        assertEquals(Set.copyOf(roles), roleIds(records.get(roles.size() - 1)), "the last record holds every role");
        for (int i = 0; i < records.size(); i++) {
            assertEquals(i + 1, records.get(i).path("roles").size(), "each record adds one role: " + records);
        }
    }

    @Test
    void bootstrapAssignsTheFirstGlobalAdministratorOnceAndNothingOnceOneExists() throws Exception {
        endEveryGlobalAdministratorAssignment();
        UUID admin = UUID.fromString(FakeDirectory.newUser());

        // two replicas starting together
        List<Integer> created = Concurrently.run(2, () -> bootstrapNow(admin));
        assertEquals(1, created.stream().mapToInt(Integer::intValue).sum(), "created " + created);
        // a restart
        assertEquals(0, bootstrapNow(admin));

        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + admin + "'")
                .when().get(D + "roleAssignmentSchedules").then().statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].roleDefinitionId", equalTo(DirectoryRoles.GLOBAL_ADMINISTRATOR))
                .body("value[0].scheduleInfo.expiration.type", equalTo("noExpiration"));
        JsonNode record = last(admin.toString(), 1);
        assertEquals("granted:bootstrap", changes(record));
        given().auth().oauth2(pra).when().get(D + "roleAssignmentScheduleRequests/"
                        + record.path("changes").get(0).path("requestId").asText())
                .then().statusCode(200).body("createdBy.user.id", equalTo(ScheduleService.TESSERA.toString()));

        // once a Global Administrator exists, the setting names someone else in vain
        UUID someoneElse = UUID.fromString(FakeDirectory.newUser());
        assertEquals(0, bootstrapNow(someoneElse));
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + someoneElse + "'")
                .when().get(D + "roleAssignmentSchedules").then().statusCode(200).body("value", hasSize(0));
    }

    @Test
    void rolesHeldBeforeTheTopicExistedArePublishedOnceAtStart() throws Throwable {
        // an assignment from before V7: a schedule row whose roles were never published
        UUID schedule = UUID.randomUUID();
        try (Connection connection = connection();
                PreparedStatement insert = connection.prepareStatement("insert into role_schedule (id, kind, "
                        + "principal_id, role_definition_id, directory_scope_id, assignment_type, member_type, status, "
                        + "start_at, expiration_type, created_using, created_at, modified_at) values (?, 'assignment', ?, "
                        + "?, '/', 'Assigned', 'Direct', 'Provisioned', now(), 'noExpiration', ?, now(), now())")) {
            insert.setObject(1, schedule);
            insert.setObject(2, UUID.fromString(user));
            insert.setString(3, DirectoryRoles.GLOBAL_READER);
            insert.setObject(4, schedule);
            insert.executeUpdate();
        }
        int published = VertxContextSupport.subscribeAndAwait(() -> roles.backfill(1));
        assertTrue(published >= 1, "published " + published);
        JsonNode record = last(user, 1);
        assertEquals("granted:backfill", changes(record));
        assertEquals(schedule.toString(), record.path("roles").get(0).path("scheduleId").asText());

        // a second start publishes nothing for them: their next change is version 2
        VertxContextSupport.subscribeAndAwait(() -> roles.backfill(200));
        active(user, DirectoryRoles.GROUPS_ADMINISTRATOR);
        assertEquals("granted:adminAssign", changes(last(user, 2)));
    }

    /** pim-service's start-up bootstrap, as a replica runs it. */
    int bootstrapNow(UUID administrator) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> bootstrap.bootstrap(List.of(administrator)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Other tests of this JVM may have made Global Administrators: the bootstrap test starts without any. */
    private static void endEveryGlobalAdministratorAssignment() throws Exception {
        try (Connection connection = connection();
                PreparedStatement end = connection.prepareStatement("update role_schedule set status = 'Revoked', "
                        + "ended_at = now() where kind = 'assignment' and role_definition_id = ? and ended_at is null")) {
            end.setString(1, DirectoryRoles.GLOBAL_ADMINISTRATOR);
            end.executeUpdate();
        }
    }

    private static Connection connection() throws java.sql.SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
