package dev.tessera.catalog.internal;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.tessera.catalog.Fixtures;
import dev.tessera.common.ServiceIdentity;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /internal/v1/automaticPolicies}, as request-service's lifecycle rules call it: with the
 * service token (app-only with Tessera.Internal and EntitlementManagement.Read.All), never with a user's
 * token or none.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AutomaticPoliciesTest {

    static final String LIST = "/internal/v1/automaticPolicies";

    @Test
    void autoAssignmentPoliciesAreListedWithTheirPackageAndOthersAreNot() {
        String catalogId = Fixtures.newCatalog("Auto " + UUID.randomUUID());
        String packageId = Fixtures.newPackage(catalogId, "Sales tools");
        String automatic = admin().body("""
                        {"displayName":"Sales automatically","accessPackage":{"id":"%s"},
                         "allowedTargetScope":"specificDirectoryUsers",
                         "specificAllowedTargets":[{"@odata.type":"#microsoft.graph.attributeRuleMembers",
                           "description":"Sales","membershipRule":"(user.department -eq \\"Sales\\")"}],
                         "automaticRequestSettings":{"requestAccessForAllowedTargets":true,
                           "removeAccessWhenTargetLeavesAllowedTargets":true,"gracePeriodBeforeAccessRemoval":"P7D"}}
                        """.formatted(packageId))
                .when().post(EM + "/assignmentPolicies").then().statusCode(201).extract().path("id");
        String manual = admin().body(Fixtures.tutorialPolicyBody(packageId, UUID.randomUUID().toString()))
                .when().post(EM + "/assignmentPolicies").then().statusCode(201).extract().path("id");

        given().auth().oauth2(Tokens.service()).when().get(LIST).then().statusCode(200)
                .body("policy.id", hasItem(automatic))
                .body("policy.id", not(hasItem(manual)))
                .body("find { it.policy.id == '%s' }.accessPackage.id".formatted(automatic), equalTo(packageId))
                .body("find { it.policy.id == '%s' }.accessPackage.displayName".formatted(automatic), equalTo("Sales tools"))
                .body("find { it.policy.id == '%s' }.policy.specificAllowedTargets[0].membershipRule".formatted(automatic),
                        equalTo("(user.department -eq \"Sales\")"))
                .body("find { it.policy.id == '%s' }.policy.automaticRequestSettings.gracePeriodBeforeAccessRemoval"
                        .formatted(automatic), equalTo("P7D"))
                .body("find { it.policy.id == '%s' }.incompatible.accessPackages".formatted(automatic), hasSize(0));
    }

    @Test
    void withoutATokenTheListIsRefusedWith401() {
        given().when().get(LIST).then().statusCode(401)
                .body("error.code", equalTo("InvalidAuthenticationToken"));
    }

    @Test
    void aUsersTokenIsRefusedWith403WhateverItsRoles() {
        for (String token : List.of(Tokens.user(UUID.randomUUID().toString()),
                Tokens.admin(UUID.randomUUID().toString(), "Global Reader"),
                Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator"),
                // a user's token naming the service's permissions as roles is still a user's token
                Tokens.builder(UUID.randomUUID().toString()).appRoles(ServiceIdentity.PERMISSIONS).sign())) {
            given().auth().oauth2(token).when().get(LIST).then().statusCode(403)
                    .body("error.code", equalTo("Authorization_RequestDenied"));
        }
    }

    @Test
    void anAppOnlyTokenNeedsTheInternalPermissionAndEntitlementManagementRead() {
        // an application with Graph's permission but not a Tessera service
        given().auth().oauth2(Tokens.app("EntitlementManagement.ReadWrite.All")).when().get(LIST).then().statusCode(403)
                .body("error.code", equalTo("Authorization_RequestDenied"));
        // a service whose token lacks the read the list needs
        given().auth().oauth2(Tokens.app(ServiceIdentity.INTERNAL_PERMISSION, "RoleManagement.ReadWrite.Directory"))
                .when().get(LIST).then().statusCode(403).body("error.code", equalTo("accessDenied"));
        given().auth().oauth2(Tokens.app(ServiceIdentity.INTERNAL_PERMISSION, "EntitlementManagement.Read.All"))
                .when().get(LIST).then().statusCode(200);
    }
}
