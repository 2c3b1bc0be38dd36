package dev.tessera.provisioning.group;

import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createUser;
import static dev.tessera.provisioning.Directory.globalAdmin;
import static dev.tessera.provisioning.Directory.ref;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.provisioning.Directory;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Groups whose members follow a membershipRule (groupTypes DynamicMembership), as Entra's dynamic groups. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class DynamicGroupTest {

    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON);
    }

    private static String department() {
        return "Dept " + UUID.randomUUID();
    }

    private static String dynamicGroup(String rule) {
        return createGroup("Dynamic", Map.of("groupTypes", List.of("DynamicMembership"), "membershipRule", rule,
                "membershipRuleProcessingState", "On"));
    }

    private static String rule(String department) {
        return "user.department -eq \"" + department + "\"";
    }

    private static void membersAre(String group, String... users) {
        asAdmin().when().get("/v1.0/groups/" + group + "/members").then().statusCode(200)
                .body("value.id", users.length == 0 ? hasSize(0) : containsInAnyOrder((Object[]) users));
    }

    private static void patchUser(String user, Map<String, Object> body) {
        asAdmin().body(body).when().patch("/v1.0/users/" + user).then().statusCode(204);
    }

    private static void patchGroup(String group, Map<String, Object> body) {
        asAdmin().body(body).when().patch("/v1.0/groups/" + group).then().statusCode(204);
    }

    /** Waits for a membership event of the user that names the group and the dynamic source. */
    private static void awaitMembershipEvent(String type, String user, String group) {
        var events = TestEvents.awaitEvents(Topics.DIRECTORY_EVENTS, type, user, 1);
        assertTrue(events.stream().anyMatch(e -> e.value().contains("\"groupId\":\"" + group + "\"")
                && e.value().contains("\"source\":\"dynamicMembership\"")), events.toString());
    }

    @Test
    void membersAreComputedAtCreationAndKeptInStepWithUsers() {
        String sales = department();
        String matching = createUser("Dyn Matching", Map.of("department", sales));
        String other = createUser("Dyn Other", Map.of("department", department()));

        String group = dynamicGroup(rule(sales));
        asAdmin().when().get("/v1.0/groups/" + group).then().statusCode(200)
                .body("groupTypes", equalTo(List.of("DynamicMembership")))
                .body("membershipRule", equalTo(rule(sales)))
                .body("membershipRuleProcessingState", equalTo("On"));
        membersAre(group, matching);
        awaitMembershipEvent(EventTypes.GROUP_MEMBER_ADDED, matching, group);
        asAdmin().queryParam("$filter", "membershipRule eq '" + rule(sales) + "' and membershipRuleProcessingState eq 'On'")
                .when().get("/v1.0/groups").then().statusCode(200).body("value.id", equalTo(List.of(group)));
        asAdmin().when().get("/v1.0/users/" + matching + "/memberOf").then().statusCode(200)
                .body("value.id", equalTo(List.of(group)));

        patchUser(other, Map.of("department", sales));
        membersAre(group, matching, other);
        awaitMembershipEvent(EventTypes.GROUP_MEMBER_ADDED, other, group);

        patchUser(matching, Map.of("department", department()));
        membersAre(group, other);
        awaitMembershipEvent(EventTypes.GROUP_MEMBER_REMOVED, matching, group);

        String newcomer = createUser("Dyn Newcomer", Map.of("department", sales));
        membersAre(group, other, newcomer);
        awaitMembershipEvent(EventTypes.GROUP_MEMBER_ADDED, newcomer, group);

        asAdmin().when().delete("/v1.0/users/" + newcomer).then().statusCode(204);
        membersAre(group, other);
        awaitMembershipEvent(EventTypes.GROUP_MEMBER_REMOVED, newcomer, group);
    }

    @Test
    void aChangedRuleRecomputesAndAPausedRuleFreezesTheMembers() {
        String first = department();
        String second = department();
        String a = createUser("Dyn A", Map.of("department", first));
        String b = createUser("Dyn B", Map.of("department", second));
        String group = dynamicGroup(rule(first));
        membersAre(group, a);

        patchGroup(group, Map.of("membershipRule", rule(second)));
        membersAre(group, b);
        awaitMembershipEvent(EventTypes.GROUP_MEMBER_REMOVED, a, group);
        awaitMembershipEvent(EventTypes.GROUP_MEMBER_ADDED, b, group);

        patchGroup(group, Map.of("membershipRuleProcessingState", "paused"));
        asAdmin().when().get("/v1.0/groups/" + group).then().statusCode(200)
                .body("membershipRuleProcessingState", equalTo("Paused"));
        patchUser(a, Map.of("department", second));
        patchUser(b, Map.of("department", first));
        patchGroup(group, Map.of("membershipRule", "user.department -eq \"" + second + "\" -or user.jobTitle -eq \"x\""));
        membersAre(group, b);

        patchGroup(group, Map.of("membershipRuleProcessingState", "On"));
        membersAre(group, a);
    }

    @Test
    void membersCannotBeAddedOrRemovedDirectlyButOwnersCan() {
        String sales = department();
        String member = createUser("Dyn Ruled", Map.of("department", sales));
        String outsider = createUser("Dyn Outsider");
        String group = dynamicGroup(rule(sales));

        asAdmin().body(ref(outsider)).when().post("/v1.0/groups/" + group + "/members/$ref")
                .then().statusCode(403).body("error.code", equalTo("Authorization_RequestDenied"))
                .body("error.message", containsString("Insufficient privileges to complete the operation."));
        asAdmin().when().delete("/v1.0/groups/" + group + "/members/" + member + "/$ref")
                .then().statusCode(403).body("error.code", equalTo("Authorization_RequestDenied"));
        membersAre(group, member);

        asAdmin().body(ref(outsider)).when().post("/v1.0/groups/" + group + "/owners/$ref").then().statusCode(204);
        asAdmin().when().get("/v1.0/groups/" + group + "/owners").then().statusCode(200)
                .body("value.id", equalTo(List.of(outsider)));
    }

    @Test
    void invalidRulesAndStatesAreBadRequestsThatChangeNothing() {
        String name = Directory.unique("Dyn invalid ");
        Map<String, Object> base = Map.of("displayName", name, "mailNickname", Directory.unique("dyninvalid"),
                "mailEnabled", false, "securityEnabled", true);
        for (Map<String, Object> extra : List.<Map<String, Object>>of(
                Map.of("groupTypes", List.of("DynamicMembership")),
                Map.of("groupTypes", List.of("DynamicMembership"), "membershipRule", "user.department -gt \"x\""),
                Map.of("groupTypes", List.of("DynamicMembership"), "membershipRule", "device.displayName -eq \"x\""),
                Map.of("membershipRule", "user.department -eq \"x\""))) {
            Map<String, Object> body = new java.util.HashMap<>(base);
            body.putAll(extra);
            asAdmin().body(body).when().post("/v1.0/groups").then().statusCode(400)
                    .body("error.target", equalTo("membershipRule"));
        }
        Map<String, Object> badState = new java.util.HashMap<>(base);
        badState.putAll(Map.of("groupTypes", List.of("DynamicMembership"), "membershipRule", "user.department -eq \"x\"",
                "membershipRuleProcessingState", "Sometimes"));
        asAdmin().body(badState).when().post("/v1.0/groups").then().statusCode(400)
                .body("error.target", equalTo("membershipRuleProcessingState"));
        Map<String, Object> roleAssignable = new java.util.HashMap<>(base);
        roleAssignable.putAll(Map.of("groupTypes", List.of("DynamicMembership"),
                "membershipRule", "user.department -eq \"x\"", "isAssignableToRole", true));
        given().auth().oauth2(globalAdmin()).contentType(ContentType.JSON).body(roleAssignable)
                .when().post("/v1.0/groups").then().statusCode(400).body("error.target", equalTo("isAssignableToRole"));
        asAdmin().queryParam("$filter", "displayName eq '" + name + "'").when().get("/v1.0/groups")
                .then().statusCode(200).body("value", hasSize(0));

        String sales = department();
        String member = createUser("Dyn Kept", Map.of("department", sales));
        String group = dynamicGroup(rule(sales));
        asAdmin().body(Map.of("membershipRule", "user.department -eq")).when().patch("/v1.0/groups/" + group)
                .then().statusCode(400).body("error.target", equalTo("membershipRule"));
        asAdmin().body(Map.of("groupTypes", List.of())).when().patch("/v1.0/groups/" + group)
                .then().statusCode(400).body("error.target", equalTo("groupTypes"));
        String assigned = createGroup("Assigned");
        asAdmin().body(Map.of("membershipRule", rule(sales))).when().patch("/v1.0/groups/" + assigned)
                .then().statusCode(400).body("error.target", equalTo("membershipRule"));
        asAdmin().when().get("/v1.0/groups/" + group).then().statusCode(200)
                .body("membershipRule", equalTo(rule(sales)));
        asAdmin().when().get("/v1.0/groups/" + assigned).then().statusCode(200)
                .body("membershipRule", nullValue()).body("membershipRuleProcessingState", nullValue());
        membersAre(group, member);
    }
}
