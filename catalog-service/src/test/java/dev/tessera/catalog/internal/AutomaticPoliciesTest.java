package dev.tessera.catalog.internal;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /internal/v1/automaticPolicies}, as request-service's lifecycle rules call it (without a token). */
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

        given().when().get(LIST).then().statusCode(200)
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
}
