package dev.tessera.pim.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tessera.platform.graph.PageToken;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Query options Graph refuses and Tessera used to ignore (issue 15, item 7): an {@code $expand} of a
 * property the resource does not have, one nested too deep, and a {@code $skiptoken} that this list did
 * not issue. The checks are the platform's (graph-http), the same in every service.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class StrictQueryOptionsTest {

    static final String DEFINITIONS = "/v1.0/roleManagement/directory/roleDefinitions";
    static final String POLICIES = "/v1.0/policies/roleManagementPolicies";
    static final String SCOPE = "scopeId eq '/' and scopeType eq 'DirectoryRole'";

    static RequestSpecification reader() {
        return given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator"));
    }

    @Test
    void anExpandOfAnUnknownNavigationPropertyIsRefusedNamingIt() {
        reader().queryParam("$expand", "inheritsPermissionsFrom").when().get(DEFINITIONS).then().statusCode(400)
                .contentType("application/json").body("error.code", equalTo("invalidRequest"))
                .body("error.message", containsString("'inheritsPermissionsFrom'"));
        reader().queryParam("$filter", SCOPE).queryParam("$expand", "rules,stages").when().get(POLICIES).then()
                .statusCode(400).body("error.code", equalTo("invalidRequest"))
                .body("error.message", containsString("'stages'"))
                .body("error.message", containsString("rules, effectiveRules"));
        // what the resource has is still served
        reader().queryParam("$filter", SCOPE).queryParam("$expand", "Rules").queryParam("$top", 1).when().get(POLICIES)
                .then().statusCode(200).body("value", hasSize(1));
    }

    @Test
    void aFiftyLevelExpandIsRefused() {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            deep.append("policy($expand=");
        }
        deep.append("rules").append(")".repeat(50));
        reader().queryParam("$expand", deep.toString()).when().get("/v1.0/policies/roleManagementPolicyAssignments")
                .then().statusCode(400).body("error.code", equalTo("invalidRequest"))
                .body("error.message", containsString("nested more than 3 levels"));
    }

    @Test
    void onlyASkipTokenThisListIssuedIsAccepted() {
        String next = reader().queryParam("$top", 3).when().get(DEFINITIONS).then().statusCode(200)
                .body("value", hasSize(3)).extract().path("'@odata.nextLink'");
        String token = URLDecoder.decode(next.substring(next.indexOf("%24skiptoken=") + "%24skiptoken=".length()),
                StandardCharsets.UTF_8);
        // the issued token pages on
        reader().queryParam("$top", 3).queryParam("$skiptoken", token).when().get(DEFINITIONS).then().statusCode(200)
                .body("value", hasSize(3));
        String policyToken = URLDecoder.decode(reader().queryParam("$filter", SCOPE).queryParam("$top", 1)
                .when().get(POLICIES).then().statusCode(200).extract().<String>path("'@odata.nextLink'")
                .replaceAll(".*%24skiptoken=", ""), StandardCharsets.UTF_8);
        String key = PageToken.decode(token);
        for (String bad : List.of("garbage", "!!!", "a+b/c==", token + "x", token.substring(1), policyToken,
                PageToken.encode(key), PageToken.encode(UUID.randomUUID().toString()),
                Base64.getUrlEncoder().encodeToString("k1:zzz".getBytes(StandardCharsets.UTF_8)) + ".AAAA")) {
            reader().queryParam("$skiptoken", bad).when().get(DEFINITIONS).then().statusCode(400)
                    .contentType("application/json").body("error.code", equalTo("invalidRequest"))
                    .body("error.message", equalTo("Invalid $skiptoken."));
        }
        // a list that never pages and a single entity issued none
        reader().queryParam("$skiptoken", token).when().get(DEFINITIONS + "/" + key).then().statusCode(400)
                .body("error.message", equalTo("Invalid $skiptoken."));
    }
}
