package dev.tessera.e2e;

import static dev.tessera.e2e.Tessera.EM;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.tessera.devstack.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Graph "Marketing Campaign" tutorial, over the gateway, against the whole running system. */
@ExtendWith(StackExtension.class)
class MarketingCampaignTutorialIT {

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
    void requestorGetsTheGroupThroughTheAccessPackageAndLosesItOnRemoval() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String user = Tessera.createUser(admin, "Requestor1-" + suffix);
        String group = Tessera.createGroup(admin, "Marketing resources " + suffix);
        String catalog = Tessera.generalCatalog(admin);
        List<String> resource = Tessera.addGroupToCatalog(admin, catalog, group);
        String accessPackage = Tessera.createPackage(admin, catalog, "Marketing Campaign " + suffix,
                resource.get(2), resource.get(1));
        String policy = Tessera.createPolicy(admin, accessPackage, List.of(user));
        Graph requestor = admin.as(stack.tokenMinter().forUser(user).sign());

        long submitted = System.nanoTime();
        String request = requestor.post(EM + "/assignmentRequests", """
                {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(user, policy, accessPackage))
                .statusCode(201)
                .body("state", equalTo("submitted"))
                .body("status", equalTo("Accepted"))
                .body("'@odata.context'", startsWith(stack.gatewayUrl() + "/v1.0/$metadata#"))
                .extract().path("id");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value.id", hasItem(user)));
        System.out.printf("Membership visible %d ms after the request was accepted%n",
                Duration.ofNanos(System.nanoTime() - submitted).toMillis());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> requestor.get(EM + "/assignmentRequests/" + request)
                .statusCode(200).body("state", equalTo("delivered")).body("status", equalTo("Delivered")));
        String assignment = admin.get(EM + "/assignments", "$filter", "target/objectId eq '" + user
                        + "' and accessPackage/id eq '" + accessPackage + "'")
                .statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].state", equalTo("delivered"))
                .body("value[0].schedule.expiration.type", equalTo("afterDuration"))
                .body("value[0].schedule.expiration.duration", equalTo("P30D"))
                .extract().path("value[0].id");

        admin.post(EM + "/assignmentRequests", """
                {"requestType":"adminRemove","assignment":{"id":"%s"}}""".formatted(assignment))
                .statusCode(201).body("requestType", equalTo("adminRemove"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value.id", not(hasItem(user))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get(EM + "/assignments/" + assignment)
                .statusCode(200).body("state", equalTo("expired")));
    }

    @Test
    void aUserAddForSomeoneElseIsRefusedAndChangesNothing() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String alice = Tessera.createUser(admin, "Alice-" + suffix);
        String bob = Tessera.createUser(admin, "Bob-" + suffix);
        Graph asAlice = admin.as(stack.tokenMinter().forUser(alice).sign());
        asAlice.post(EM + "/assignmentRequests", """
                {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(bob, UUID.randomUUID(), UUID.randomUUID()))
                .statusCode(403)
                .body("error.code", equalTo("accessDenied"))
                .body("error.innerError.request-id", org.hamcrest.Matchers.notNullValue());
        admin.get(EM + "/assignments", "$filter", "target/objectId eq '" + bob + "'").statusCode(200).body("value", hasSize(0));
    }

    @Test
    void badInputGetsGraphErrorsThroughTheGateway() {
        admin.call().body("{not json").when().post("/v1.0/users").then()
                .statusCode(400).body("error.code", equalTo("BadRequest"));
        admin.post(EM + "/assignmentRequests", "{\"requestType\":\"sideways\",\"assignment\":{}}")
                .statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("requestType"));
        admin.get("/v1.0/groups/not-a-guid").statusCode(400);
        admin.as("garbage").get("/v1.0/users").statusCode(401).body("error.code", equalTo("InvalidAuthenticationToken"));
        admin.get("/v1.0/unknownThing").statusCode(404).body("error.code", equalTo("itemNotFound"));
    }

    @Test
    void nextLinksPointAtTheGateway() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            Tessera.createUser(admin, "Pager" + i + "-" + suffix);
        }
        String next = admin.call().queryParam("$top", 2).queryParam("$filter", "startswith(displayName,'Pager')")
                .when().get("/v1.0/users").then().statusCode(200)
                .body("'@odata.nextLink'", startsWith(stack.gatewayUrl() + "/v1.0/users?"))
                .extract().path("'@odata.nextLink'");
        admin.getVerbatim(next).statusCode(200).body("'@odata.context'", endsWith("$metadata#users"));
    }
}
