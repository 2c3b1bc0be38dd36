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
 * requests another package of her organization herself. And someone of the organization who is not in
 * the directory asks for a package themselves, signed in with their home account: a sponsor approves,
 * and they become a guest member of the package's group.
 */
@ExtendWith(StackExtension.class)
class ExternalUserIT {

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

    @Test
    void anExternalPersonAsksThemselvesIsApprovedByASponsorAndBecomesAGuestMember() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String bar = "bar-" + suffix + ".com";
        String organization = admin.post(EM + "/connectedOrganizations", """
                {"displayName":"Bar %s","identitySources":[{"@odata.type":"#microsoft.graph.domainIdentitySource",
                 "domainName":"%s","displayName":"%s"}],"state":"configured"}""".formatted(suffix, bar, bar))
                .statusCode(201).extract().path("id");
        String sponsor = Tessera.createUser(admin, "sponsor" + suffix);
        admin.post(EM + "/connectedOrganizations/" + organization + "/internalSponsors/$ref",
                "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/users/" + sponsor + "\"}").statusCode(204);
        String group = Tessera.createGroup(admin, "Partner wiki " + suffix);
        String catalog = Tessera.generalCatalog(admin);
        List<String> resource = Tessera.addGroupToCatalog(admin, catalog, group);
        String accessPackage = Tessera.createPackage(admin, catalog, "Partner wiki " + suffix,
                resource.get(2), resource.get(1));
        String policy = admin.post(EM + "/assignmentPolicies", """
                {"displayName":"Bar partners ask","accessPackage":{"id":"%s"},"expiration":{"type":"afterDuration","duration":"P30D"},
                 "allowedTargetScope":"specificConnectedOrganizationUsers",
                 "specificAllowedTargets":[{"@odata.type":"#microsoft.graph.connectedOrganizationMembers","connectedOrganizationId":"%s"}],
                 "requestorSettings":{"enableTargetsToSelfAddAccess":true},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":true,"isApprovalRequiredForUpdate":false,
                  "stages":[{"durationBeforeAutomaticDenial":"P7D","isApproverJustificationRequired":false,
                   "primaryApprovers":[{"@odata.type":"#microsoft.graph.internalSponsors"}]}]}}
                """.formatted(accessPackage, organization)).statusCode(201).extract().path("id");
        String body = """
                {"requestType":"userAdd","assignment":{"target":{"email":"%s","displayName":"Kai Bar"},
                 "assignmentPolicyId":"%s","accessPackageId":"%s"}}""";

        // someone of another domain is not in the policy's scope
        String fooMail = "jen@foo-" + suffix + ".com";
        Graph jen = admin.as(stack.tokenMinter().forUser(UUID.randomUUID().toString()).email(fooMail).sign());
        jen.post(EM + "/assignmentRequests", body.formatted(fooMail, policy, accessPackage)).statusCode(403)
                .body("error.code", equalTo("accessDenied"));

        // Kai signs in with his home account (an oid the directory does not know) and asks for himself
        String email = "kai@" + bar;
        Graph kai = admin.as(stack.tokenMinter().forUser(UUID.randomUUID().toString()).email(email).sign());
        String request = kai.post(EM + "/assignmentRequests", body.formatted(email, policy, accessPackage))
                .statusCode(201).body("state", equalTo("pendingApproval")).extract().path("id");
        kai.get(EM + "/assignmentRequests/filterByCurrentUser(on='target')").statusCode(200)
                .body("value.id", hasItem(request));

        // the sponsor of his organization approves
        Graph approver = admin.as(stack.tokenMinter().forUser(sponsor).sign());
        String approvals = EM + "/accessPackageAssignmentApprovals";
        String stage = approver.get(approvals + "/filterByCurrentUser(on='approver')").statusCode(200)
                .body("value.id", hasItem(request))
                .extract().path("value.find { it.id == '" + request + "' }.stages[0].id");
        approver.call().body("{\"reviewResult\":\"Approve\",\"justification\":\"Bar partner\"}").when()
                .patch(approvals + "/" + request + "/stages/" + stage).then().statusCode(204);

        // delivery invites him as a guest and makes the guest a member of the group
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> kai.get(EM + "/assignmentRequests/" + request)
                .statusCode(200).body("state", equalTo("delivered")));
        String guest = admin.get("/v1.0/users", "$filter", "mail eq '" + email + "'").statusCode(200)
                .body("value", hasSize(1)).body("value[0].userType", equalTo("Guest"))
                .extract().path("value[0].id");
        admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value.id", hasItem(guest));
        // his home account still finds the assignment, now the guest's
        kai.call().queryParam("$expand", "target").when().get(EM + "/assignments/filterByCurrentUser(on='target')")
                .then().statusCode(200).body("value.target.objectId", hasItem(guest))
                .body("value.target.email", hasItem(email));
    }
}
