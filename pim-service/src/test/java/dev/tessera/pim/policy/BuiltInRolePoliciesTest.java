package dev.tessera.pim.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.common.roles.BuiltInDirectoryRoles;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every built-in role has its role management policy, as in Entra, with no rule stored for it. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class BuiltInRolePoliciesTest {

    static final String DIRECTORY_READERS = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");

    @Test
    void thePolicyAssignmentListHasOnePerRole() {
        List<String> roles = new ArrayList<>();
        String next = "/v1.0/policies/roleManagementPolicyAssignments"
                + "?%24filter=scopeId%20eq%20'%2F'%20and%20scopeType%20eq%20'DirectoryRole'";
        while (next != null) {
            JsonPath page = given().urlEncodingEnabled(false).auth().oauth2(pra).when().get(next)
                    .then().statusCode(200).extract().jsonPath();
            roles.addAll(page.getList("value.roleDefinitionId"));
            next = page.getString("'@odata.nextLink'");
        }
        assertEquals(roles.size(), new HashSet<>(roles).size(), "one policy assignment per role");
        for (BuiltInDirectoryRoles.Role role : BuiltInDirectoryRoles.all()) {
            assertTrue(roles.contains(role.templateId()), role.displayName() + " has no policy assignment");
        }
    }

    @Test
    void aRoleThatNobodyConfiguredHasTheDefaultRules() {
        String policy = given().auth().oauth2(pra)
                .queryParam("$filter", "scopeId eq '/' and scopeType eq 'DirectoryRole' and roleDefinitionId eq '"
                        + DIRECTORY_READERS + "'")
                .when().get("/v1.0/policies/roleManagementPolicyAssignments")
                .then().statusCode(200).body("value", hasSize(1))
                .body("value[0].roleDefinitionId", equalTo(DIRECTORY_READERS))
                .extract().path("value[0].policyId");
        given().auth().oauth2(pra).when().get("/v1.0/policies/roleManagementPolicies/" + policy + "/rules")
                .then().statusCode(200).body("value", hasSize(PolicyRules.IDS.size()));
    }
}
