package dev.tessera.e2e;

import static dev.tessera.e2e.Tessera.EM;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.tessera.devstack.LocalStack;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Assignments nobody asks for one by one, through the gateway against the whole system: an
 * auto-assignment policy with an attribute rule, and the bulk assignment of a group's members.
 */
@ExtendWith(StackExtension.class)
class LifecycleAndBulkIT {

    LocalStack stack;
    Graph admin;

    @BeforeEach
    void connect() throws Exception {
        stack = StackExtension.stack();
        admin = new Graph(stack.gatewayUrl(), stack.tokenMinter().forUser(Tessera.ADMIN)
                .role("Identity Governance Administrator")
                .role("User Administrator").sign());
    }

    @Test
    void aUserWhoJoinsSalesGetsTheGroupAndLosesItWhenTheyMoveOn() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String department = "Sales " + suffix;
        String group = Tessera.createGroup(admin, "Sales tools " + suffix);
        String catalog = Tessera.generalCatalog(admin);
        List<String> resource = Tessera.addGroupToCatalog(admin, catalog, group);
        String accessPackage = Tessera.createPackage(admin, catalog, "Sales tools " + suffix, resource.get(2),
                resource.get(1));
        admin.post(EM + "/assignmentPolicies", """
                {"displayName":"Sales automatically","accessPackage":{"id":"%s"},
                 "allowedTargetScope":"specificDirectoryUsers",
                 "specificAllowedTargets":[{"@odata.type":"#microsoft.graph.attributeRuleMembers","description":"Sales",
                   "membershipRule":"(user.department -eq \\"%s\\")"}],
                 "automaticRequestSettings":{"requestAccessForAllowedTargets":true,
                   "removeAccessWhenTargetLeavesAllowedTargets":true,"gracePeriodBeforeAccessRemoval":"PT0S"}}
                """.formatted(accessPackage, department)).statusCode(201);

        String name = "seller-" + suffix;
        String user = admin.post("/v1.0/users", """
                {"accountEnabled":true,"displayName":"%s","mailNickname":"%s","userPrincipalName":"%s@contoso.onmicrosoft.com",
                 "department":"%s","passwordProfile":{"forceChangePasswordNextSignIn":true,"password":"not-stored-1!"}}
                """.formatted(name, name, name, department)).statusCode(201).extract().path("id");

        // Policies are cached for 10 s and new ones reconciled every 60 s: at most that long.
        await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value.id", hasItem(user)));
        admin.get(EM + "/assignmentRequests", "$filter", "accessPackage/id eq '" + accessPackage + "'")
                .statusCode(200).body("value.requestType", hasItem("systemAdd"));

        given().baseUri(stack.gatewayUrl()).auth().oauth2(admin.token()).contentType(ContentType.JSON)
                .body("{\"department\":\"Marketing\"}").when().patch("/v1.0/users/" + user).then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value.id", not(hasItem(user))));
    }

    @Test
    void everyMemberOfAGroupGetsThePackageInOneCall() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> members = List.of(Tessera.createUser(admin, "bulk1-" + suffix),
                Tessera.createUser(admin, "bulk2-" + suffix), Tessera.createUser(admin, "bulk3-" + suffix));
        String team = Tessera.createGroup(admin, "Team " + suffix);
        for (String member : members) {
            admin.post("/v1.0/groups/" + team + "/members/$ref",
                    "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/directoryObjects/" + member + "\"}")
                    .statusCode(204);
        }
        String resourceGroup = Tessera.createGroup(admin, "Team tools " + suffix);
        String catalog = Tessera.generalCatalog(admin);
        List<String> resource = Tessera.addGroupToCatalog(admin, catalog, resourceGroup);
        String accessPackage = Tessera.createPackage(admin, catalog, "Team tools " + suffix, resource.get(2),
                resource.get(1));
        String policy = Tessera.createPolicy(admin, accessPackage, members);
        admin.post(EM + "/assignmentRequests", """
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(members.get(0), policy, accessPackage)).statusCode(201);

        String location = admin.post(EM + "/assignments/tessera.assignGroupMembers", """
                {"accessPackageId":"%s","groupId":"%s","assignmentPolicyId":"%s","justification":"the whole team"}
                """.formatted(accessPackage, team, policy))
                .statusCode(202).body("total", equalTo(3))
                .header("Location", startsWith(stack.gatewayUrl() + EM + "/assignments/tessera.bulkAssignmentJobs/"))
                .extract().header("Location");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.getVerbatim(location).statusCode(200)
                .body("status", equalTo("completed")).body("created", equalTo(2)).body("skipped", equalTo(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get("/v1.0/groups/" + resourceGroup + "/members")
                .statusCode(200).body("value.id", hasItems(members.toArray(String[]::new))));
    }
}
