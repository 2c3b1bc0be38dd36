package dev.tessera.provisioning.roles;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.common.DirectoryRoles;
import dev.tessera.common.roles.HeldDirectoryRole;
import dev.tessera.platform.messaging.events.EffectiveRolesChanged;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.platform.messaging.roles.EffectiveRolesLoader;
import dev.tessera.platform.messaging.roles.EffectiveRolesView;
import dev.tessera.provisioning.Directory;
import dev.tessera.testsupport.KafkaProbe;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tessera's own role state counts: records on the real {@code tessera.pim.roles} topic (as pim-service
 * publishes them) give a user without any {@code wids} the rights of their roles, in this service's view
 * (docs/pim.md, "Where a caller's roles come from").
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class RolesFromTesseraTest {

    /** The view follows the topic within a second (docs/pim.md); the bound leaves room for a loaded CI host. */
    static final Duration BOUND = Duration.ofSeconds(10);

    @Inject
    ObjectMapper mapper;

    @Inject
    EffectiveRolesView view;

    @Inject
    EffectiveRolesLoader loader;

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aUserWithoutWidsGainsUserAdministratorFromTesserasRoleState() {
        String userId = Directory.createUser("Role Holder");
        String token = Tokens.user(userId);
        createUser(token).statusCode(403);

        long published = System.nanoTime();
        publish(state(userId, 1, role(DirectoryRoles.USER_ADMINISTRATOR, "User Administrator", "/", null)));

        await().atMost(BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> !view.rolesOf(UUID.fromString(userId), clock.now()).isEmpty());
        // the staleness of docs/pim.md, measured (reported, not asserted: a loaded host must not fail it)
        org.jboss.logging.Logger.getLogger(RolesFromTesseraTest.class).infof(
                "Roles view: published -> visible in %d ms", Duration.ofNanos(System.nanoTime() - published).toMillis());
        await().atMost(BOUND).untilAsserted(() -> createUser(token).statusCode(201));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void anOlderRecordDoesNotOverwriteANewerOne() {
        String userId = Directory.createUser("Role Holder");
        String token = Tokens.user(userId);
        publish(state(userId, 5, role(DirectoryRoles.USER_ADMINISTRATOR, "User Administrator", "/", null)));
        await().atMost(BOUND).untilAsserted(() -> createUser(token).statusCode(201));

        long applied = loader.applied();
        publish(state(userId, 4)); // a late, older state that held nothing
        await().atMost(BOUND).until(() -> loader.applied() > applied);

        assertEquals(5, view.stateOf(UUID.fromString(userId)).version());
        createUser(token).statusCode(201);

        publish(state(userId, 6)); // the newer state that removes the role does count
        await().atMost(BOUND).untilAsserted(() -> createUser(token).statusCode(403));
    }

    @Test
    void aRoleWhoseEndHasPassedDoesNotCountEvenBeforeTheRecordThatEndsIt() {
        String userId = Directory.createUser("Role Holder");
        String token = Tokens.user(userId);
        Instant now = clock.now();
        String ended = Directory.createUser("Role Holder");
        publish(state(ended, 1, role(DirectoryRoles.USER_ADMINISTRATOR, "User Administrator", "/",
                now.minus(Duration.ofMinutes(1)))));
        publish(state(userId, 1, role(DirectoryRoles.USER_ADMINISTRATOR, "User Administrator", "/",
                now.plus(Duration.ofHours(1)))));
        await().atMost(BOUND).untilAsserted(() -> createUser(token).statusCode(201));
        await().atMost(BOUND).until(() -> view.stateOf(UUID.fromString(ended)) != null);
        createUser(Tokens.user(ended)).statusCode(403);

        clock.set(now.plus(Duration.ofHours(1)).plusSeconds(1)); // the activation ends; no record says so yet
        createUser(token).statusCode(403);
    }

    @Test
    void aScopedRoleIsNotATenantWideOne() {
        String userId = Directory.createUser("Role Holder");
        publish(state(userId, 1, role(DirectoryRoles.USER_ADMINISTRATOR, "User Administrator",
                "/administrativeUnits/" + UUID.randomUUID(), null)));
        await().atMost(BOUND).until(() -> view.stateOf(UUID.fromString(userId)) != null);
        createUser(Tokens.user(userId)).statusCode(403);
    }

    @Test
    void aFreshReaderRebuildsTheSameStateFromTheCompactedTopic() throws Exception {
        String holder = Directory.createUser("Role Holder");
        publish(state(holder, 1, role(DirectoryRoles.USER_ADMINISTRATOR, "User Administrator", "/", null)));
        publish(state(holder, 2, role(DirectoryRoles.GROUPS_ADMINISTRATOR, "Groups Administrator", "/", null)));
        await().atMost(BOUND).until(() -> view.stateOf(UUID.fromString(holder)) != null
                && view.stateOf(UUID.fromString(holder)).version() == 2);

        EffectiveRolesLoader fresh = EffectiveRolesLoader.standalone(
                Map.of("bootstrap.servers", KafkaProbe.bootstrapServers()), mapper, clock);
        try {
            await().atMost(BOUND).until(() -> fresh.view().isReady());
            Instant now = clock.now();
            UUID id = UUID.fromString(holder);
            assertEquals(view.rolesOf(id, now), fresh.view().rolesOf(id, now));
            assertEquals(List.of(DirectoryRoles.GROUPS_ADMINISTRATOR),
                    fresh.view().rolesOf(id, now).stream().map(HeldDirectoryRole::roleTemplateId).toList());
            // everyone on the topic comes back exactly as this service holds them (this service's view may hold
            // more: other test classes seed it in-process, without the topic)
            assertTrue(fresh.view().size() >= 1);
            for (UUID principal : fresh.view().principals()) {
                assertEquals(view.stateOf(principal), fresh.view().stateOf(principal), "state of " + principal);
            }
        } finally {
            fresh.stop();
        }

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaProbe.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PIM_ROLES);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertTrue(config.get("cleanup.policy").value().contains("compact"), "tessera.pim.roles is compacted");
        }
    }

    private static io.restassured.response.ValidatableResponse createUser(String token) {
        String nickname = Directory.unique("viewmade");
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("accountEnabled", true, "displayName", "Made Through The View", "mailNickname", nickname,
                        "userPrincipalName", nickname + "@contoso.onmicrosoft.com",
                        "passwordProfile", Map.of("forceChangePasswordNextSignIn", true, "password", "xWwvJ]6NMw+bWH-d")))
                .when().post("/v1.0/users").then();
    }

    static HeldDirectoryRole role(String templateId, String name, String scope, Instant end) {
        return new HeldDirectoryRole(templateId, templateId, name, scope, null, null, end, "Direct", "Assigned",
                UUID.randomUUID(), null);
    }

    static EffectiveRolesChanged state(String principalId, long version, HeldDirectoryRole... roles) {
        return new EffectiveRolesChanged(UUID.fromString(principalId), version, Instant.now(), List.of(roles), List.of());
    }

    void publish(EffectiveRolesChanged state) {
        publish(mapper, state);
    }

    static void publish(ObjectMapper mapper, EffectiveRolesChanged state) {
        try {
            TestEvents.publish(Topics.PIM_ROLES, EventTypes.PIM_EFFECTIVE_ROLES_CHANGED, state.principalId().toString(),
                    mapper.writeValueAsString(state));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
