package dev.tessera.e2e;

import static dev.tessera.e2e.Tessera.EM;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.tessera.devstack.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed case for external users, across all four services: a connected organization for one
 * domain, a policy for its users; an email of another domain is refused, an email of that domain
 * becomes a guest who gets the group, and the assignment learns the guest's object id; the guest then
 * requests another package of her organization herself.
 */
@ExtendWith(StackExtension.class)
class ExternalUserIT {

    LocalStack stack;
    Graph admin;

    @BeforeEach
    void connect() throws Exception {
        stack = StackExtension.stack();
        admin = new Graph(stack.gatewayUrl(), stack.tokenMinter().forUser(Tessera.ADMIN)
                .role("Identity Governance Administrator").sign());
    }

    @Test
    void onlyAnEmailOfTheAdmittedOrganizationIsInvitedAndDelivered() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String bar = "bar-" + suffix + ".com";
        String organization = admin.post(EM + "/connectedOrganizations", """
                {"displayName":"Bar %s","identitySources":[{"@odata.type":"#microsoft.graph.domainIdentitySource",
                 "domainName":"%s","displayName":"%s"}],"state":"configured"}""".formatted(suffix, bar, bar))
                .statusCode(201).extract().path("id");
        String group = Tessera.createGroup(admin, "Partner portal " + suffix);
        String catalog = Tessera.generalCatalog(admin);
        List<String> resource = Tessera.addGroupToCatalog(admin, catalog, group);
        String accessPackage = Tessera.createPackage(admin, catalog, "Partner portal " + suffix,
                resource.get(2), resource.get(1));
        String policy = admin.post(EM + "/assignmentPolicies", """
                {"displayName":"Bar partners","accessPackage":{"id":"%s"},"expiration":{"type":"afterDuration","duration":"P30D"},
                 "allowedTargetScope":"specificConnectedOrganizationUsers",
                 "specificAllowedTargets":[{"@odata.type":"#microsoft.graph.connectedOrganizationMembers","connectedOrganizationId":"%s"}],
                 "requestorSettings":{"enableTargetsToSelfAddAccess":true},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":false,"isApprovalRequiredForUpdate":false,"stages":[]}}
                """.formatted(accessPackage, organization)).statusCode(201).extract().path("id");
        String body = """
                {"requestType":"adminAdd","assignment":{"target":{"email":"%s","displayName":"Jen Barber"},
                 "assignmentPolicyId":"%s","accessPackageId":"%s"}}""";

        admin.post(EM + "/assignmentRequests", body.formatted("jen@foo-" + suffix + ".com", policy, accessPackage))
                .statusCode(400).body("error.code", equalTo("ExternalUserNotInPolicyScope"))
                .body("error.message", containsString("foo-" + suffix + ".com"));

        String email = "jen@" + bar;
        String request = admin.post(EM + "/assignmentRequests", body.formatted(email, policy, accessPackage))
                .statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get(EM + "/assignmentRequests/" + request)
                .statusCode(200).body("state", equalTo("delivered")));

        String guest = admin.get("/v1.0/users", "$filter", "mail eq '" + email + "'").statusCode(200)
                .body("value", hasSize(1)).body("value[0].userType", equalTo("Guest"))
                .body("value[0].userPrincipalName", containsString("#EXT#@"))
                .extract().path("value[0].id");
        admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value.id", hasItem(guest));
        admin.call().queryParam("$filter", "target/objectId eq '" + guest + "'").queryParam("$expand", "target")
                .when().get(EM + "/assignments").then().statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].target.email", equalTo(email))
                .body("value[0].target.connectedOrganization.id", equalTo(organization))
                .body("value[0].target.id", notNullValue());

        admin.post(EM + "/assignmentRequests", body.formatted(email, policy, accessPackage)).statusCode(409);

        // In the directory now, the guest asks for another package of her organization herself: her
        // organization is the one of her mail's domain, both for the list she browses and for her userAdd.
        String extras = Tessera.createPackage(admin, catalog, "Partner extras " + suffix, resource.get(2), resource.get(1));
        String extrasPolicy = admin.post(EM + "/assignmentPolicies", """
                {"displayName":"Bar partners, self-service","accessPackage":{"id":"%s"},"expiration":{"type":"noExpiration"},
                 "allowedTargetScope":"specificConnectedOrganizationUsers",
                 "specificAllowedTargets":[{"@odata.type":"#microsoft.graph.connectedOrganizationMembers","connectedOrganizationId":"%s"}],
                 "requestorSettings":{"enableTargetsToSelfAddAccess":true},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":false,"isApprovalRequiredForUpdate":false,"stages":[]}}
                """.formatted(extras, organization)).statusCode(201).extract().path("id");
        Graph jen = admin.as(stack.tokenMinter().forUser(guest).sign());
        jen.get(EM + "/accessPackages/filterByCurrentUser(on='allowedRequestor')", "$filter",
                "displayName eq 'Partner extras " + suffix + "'").statusCode(200).body("value.id", equalTo(List.of(extras)));
        String own = jen.post(EM + "/assignmentRequests", """
                {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(guest, extrasPolicy, extras)).statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get(EM + "/assignmentRequests/" + own)
                .statusCode(200).body("state", equalTo("delivered")));
    }
}
