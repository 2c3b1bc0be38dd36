package dev.tessera.request.external;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeConnectedOrganizationApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.request.fake.FakeExternalUsersApi;
import dev.tessera.request.fake.FakeSettingsApi;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * entitlementManagement/settings' externalUserLifecycleAction acts when a guest invited through
 * entitlement management loses their last assignment: nothing, block sign-in, or block and delete after
 * the configured duration (the clock is moved); a new assignment unblocks them and cancels the deletion.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ExternalUserLifecycleTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    @Inject
    DurableTimers timers;

    final String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final String foo = "foo-" + tag + ".com";
    final String fooOrg = UUID.randomUUID().toString();
    final String[] portal;
    final String[] wiki;

    ExternalUserLifecycleTest() {
        FakeConnectedOrganizationApi.organization(fooOrg, "Foo Inc", "configured", foo);
        portal = register("Partner portal");
        wiki = register("Partner wiki");
    }

    @AfterEach
    void reset() {
        clock.reset();
        FakeSettingsApi.reset();
        FakeExternalUsersApi.down(false);
    }

    @Test
    void noneLeavesTheGuestAsTheyAre() throws Throwable {
        FakeSettingsApi.set("none", "P30D");
        String[] guest = invitedGuest("jen");
        int reads = FakeSettingsApi.reads();
        remove(guest[1]);
        awaitLookedAt(guest[0]);
        assertTrue(FakeSettingsApi.reads() > reads, "the settings were read");
        assertEquals(List.of(), FakeExternalUsersApi.callsFor(guest[0]));
        assertNull(due(ExternalUserDeletion.KIND, guest[0]));
    }

    @Test
    void blockSignInBlocksTheGuestOnlyWhenTheirLastAssignmentEnds() throws Throwable {
        FakeSettingsApi.set("blockSignIn", "P30D");
        String[] guest = invitedGuest("roy");
        String second = assignByEmail(guest[2], wiki);

        remove(guest[1]);
        awaitLookedAt(guest[0]);
        assertEquals(List.of(), FakeExternalUsersApi.callsFor(guest[0]), "another assignment is left");

        remove(second);
        await().atMost(Duration.ofSeconds(15)).until(() -> FakeExternalUsersApi.BLOCKED.contains(guest[0]));
        awaitLookedAt(guest[0]);
        assertNull(due(ExternalUserDeletion.KIND, guest[0]), "blockSignIn never deletes");
        assertEquals(List.of("blockSignIn"), FakeExternalUsersApi.callsFor(guest[0]));
    }

    @Test
    void blockSignInAndDeleteDeletesTheGuestAfterTheDurationOnTheMovedClock() throws Throwable {
        FakeSettingsApi.set("blockSignInAndDelete", "P10D");
        String[] guest = invitedGuest("moss");
        Instant removedAt = clock.instant();
        remove(guest[1]);
        await().atMost(Duration.ofSeconds(15)).until(() -> FakeExternalUsersApi.BLOCKED.contains(guest[0]));
        Instant deleteAt = awaitDue(ExternalUserDeletion.KIND, guest[0]);
        assertFalse(deleteAt.isBefore(removedAt.plus(Duration.ofDays(10))), deleteAt.toString());
        assertTrue(deleteAt.isBefore(clock.instant().plus(Duration.ofDays(10)).plusSeconds(1)), deleteAt.toString());
        assertFalse(FakeExternalUsersApi.DELETED.contains(guest[0]));

        // provisioning-service is away when the time comes: the timer is held, then deletes once it is back
        FakeExternalUsersApi.down(true);
        clock.set(deleteAt.plusSeconds(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> attempted(ExternalUserDeletion.KIND, guest[0]));
        assertFalse(FakeExternalUsersApi.DELETED.contains(guest[0]));
        assertEquals(0, counted(ExternalUserDeletion.KIND, guest[0]), "a peer's 503 holds the timer, it is not counted");
        FakeExternalUsersApi.down(false);
        clock.set(deleteAt.plus(Duration.ofMinutes(5))); // past any back-off
        await().atMost(Duration.ofSeconds(30)).until(() -> FakeExternalUsersApi.DELETED.contains(guest[0]));
        await().atMost(Duration.ofSeconds(15)).until(() -> due(ExternalUserDeletion.KIND, guest[0]) == null);
        assertEquals(List.of("blockSignIn", "delete"), FakeExternalUsersApi.callsFor(guest[0]));
    }

    @Test
    void aNewAssignmentBeforeTheDeletionUnblocksTheGuestAndCancelsIt() throws Throwable {
        FakeSettingsApi.set("blockSignInAndDelete", "P30D");
        String[] guest = invitedGuest("jen");
        remove(guest[1]);
        await().atMost(Duration.ofSeconds(15)).until(() -> FakeExternalUsersApi.BLOCKED.contains(guest[0]));
        assertNotNull(awaitDue(ExternalUserDeletion.KIND, guest[0]));

        clock.advance(Duration.ofDays(3));
        assignByEmail(guest[2], wiki);
        await().atMost(Duration.ofSeconds(15)).until(() -> !FakeExternalUsersApi.BLOCKED.contains(guest[0]));
        await().atMost(Duration.ofSeconds(15)).until(() -> due(ExternalUserDeletion.KIND, guest[0]) == null);
        assertEquals(List.of("blockSignIn", "unblockSignIn"), FakeExternalUsersApi.callsFor(guest[0]));
    }

    @Test
    void aSettingsReadThatFailsIsRetriedNotLost() throws Throwable {
        FakeSettingsApi.set("blockSignIn", "P30D");
        String[] guest = invitedGuest("denholm");
        FakeSettingsApi.down(true);
        remove(guest[1]);
        await().atMost(Duration.ofSeconds(15)).until(() -> attempted(ExternalUserLifecycle.KIND, guest[0]));
        assertEquals(List.of(), FakeExternalUsersApi.callsFor(guest[0]));
        assertEquals(0, counted(ExternalUserLifecycle.KIND, guest[0]), "a peer's 503 holds the timer, it is not counted");
        FakeSettingsApi.down(false);
        clock.advance(Duration.ofMinutes(5)); // past any back-off
        await().atMost(Duration.ofSeconds(30)).until(() -> FakeExternalUsersApi.BLOCKED.contains(guest[0]));
    }

    @Test
    void guestsNotBroughtInByEntitlementManagementAndMembersAreLeftAlone() throws Throwable {
        FakeSettingsApi.set("blockSignInAndDelete", "P30D");
        // a guest assigned by object id (invited some other way): no accessPackageSubject
        String other = UUID.randomUUID().toString();
        FakeDirectoryApi.userWithMail(other, "Guest", "other-" + tag + "@" + foo);
        String assignment = assignByEmail("other-" + tag + "@" + foo, portal);
        remove(assignment);
        awaitLookedAt(other);
        assertEquals(List.of(), FakeExternalUsersApi.callsFor(other));

        // a subject whose directory user turned out a member: provisioning-service refuses (409), nothing is recorded
        String[] member = invitedGuest("richmond");
        FakeDirectoryApi.user(member[0], "Member");
        remove(member[1]);
        await().atMost(Duration.ofSeconds(15)).until(() -> FakeExternalUsersApi.callsFor(member[0]).contains("blockSignIn"));
        awaitLookedAt(member[0]);
        assertNull(due(ExternalUserDeletion.KIND, member[0]));
        assertFalse(FakeExternalUsersApi.BLOCKED.contains(member[0]));
    }

    // ---- helpers

    /** An external user invited by an adminAdd by email: {object id, assignment id, email}. */
    String[] invitedGuest(String name) throws Exception {
        String email = name + "-" + tag + "@" + foo;
        String requestId = given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"target":{"email":"%s","displayName":"%s"},
                 "assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(email, name, portal[1], portal[0])).when().post(EM + "/assignmentRequests")
                .then().statusCode(201).extract().path("id");
        String assignmentId = assignmentOf(requestId);
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId);
        String guest = UUID.randomUUID().toString();
        FakeDirectoryApi.userWithMail(guest, "Guest", email);
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, """
                {"assignmentId":"%s","requestId":"%s","operation":"grant","outcome":"delivered",
                 "completedDateTime":"2026-11-30T10:00:00Z","targetObjectId":"%s","roles":[]}
                """.formatted(assignmentId, requestId, guest));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(admin)
                .queryParam("$expand", "target").when().get(EM + "/assignments/" + assignmentId).then()
                .body("state", equalTo("delivered")).body("target.objectId", equalTo(guest)));
        return new String[] {guest, assignmentId, email};
    }

    /** An adminAdd for an email the directory knows: that user's assignment. */
    String assignByEmail(String email, String[] accessPackage) {
        String requestId = given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"target":{"email":"%s"},
                 "assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(email, accessPackage[1], accessPackage[0])).when().post(EM + "/assignmentRequests")
                .then().statusCode(201).extract().path("id");
        String assignmentId = assignmentOf(requestId);
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId);
        return assignmentId;
    }

    void remove(String assignmentId) {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"requestType\":\"adminRemove\",\"assignment\":{\"id\":\"" + assignmentId + "\"}}")
                .when().post(EM + "/assignmentRequests").then().statusCode(201);
    }

    String assignmentOf(String requestId) {
        return given().auth().oauth2(admin).queryParam("$expand", "assignment").when()
                .get(EM + "/assignmentRequests/" + requestId).then().statusCode(200).extract().path("assignment.id");
    }

    /** The lifecycle timer for the user has fired (it is scheduled with the removal and deleted when it fired). */
    void awaitLookedAt(String user) {
        await().atMost(Duration.ofSeconds(15)).until(() -> due(ExternalUserLifecycle.KIND, user) == null);
    }

    Instant awaitDue(String kind, String key) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> due(kind, key), due -> due != null);
    }

    Instant due(String kind, String key) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(kind, key));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The timer failed at least once and waits to be tried again. */
    boolean attempted(String kind, String key) throws Exception {
        try {
            return attemptedCount(kind, key) > 0;
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The failed attempts the timer counts towards parking it. */
    long counted(String kind, String key) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache.withSession(
                    () -> io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(session -> session.createNativeQuery(
                                    "select cast(coalesce(max(attempts), 0) as bigint) from durable_timer where kind = ?1 "
                                            + "and timer_key = ?2", Long.class)
                            .setParameter(1, kind).setParameter(2, key).getSingleResult())));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    long attemptedCount(String kind, String key) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache.withSession(
                () -> io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(session -> session.createNativeQuery(
                                "select count(*) from durable_timer where kind = ?1 and timer_key = ?2 "
                                        + "and (attempts > 0 or retry_at is not null)", Long.class)
                        .setParameter(1, kind).setParameter(2, key).getSingleResult())));
    }

    static String[] register(String name) {
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", name)
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Partners").put("allowedTargetScope", "allExternalUsers");
        policy.putArray("specificAllowedTargets");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true);
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        context.putArray("resourceRoles");
        FakeCatalogApi.register(packageId, context);
        return new String[] {packageId, policyId};
    }
}
