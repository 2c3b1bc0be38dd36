package dev.tessera.request.assignment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The CSV export: every row of the filtered list, across several chunks, with the list's visibility. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AssignmentExportTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyMatchingRowIsExportedAcrossChunksAndUsersSeeOnlyTheirOwn() {
        String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Sales, \"EMEA\"").put("isHidden", false)
                .put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Direct").put("allowedTargetScope", "notSpecified");
        policy.putObject("expiration").put("type", "noExpiration");
        context.putArray("resourceRoles");
        FakeCatalogApi.register(packageId, context);

        List<String> users = new ArrayList<>();
        for (int i = 0; i < 120; i++) { // chunks of 50 in tests: three of them
            String user = UUID.randomUUID().toString();
            FakeDirectoryApi.user(user, "Member");
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                    {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                    """.formatted(user, policyId, packageId)).when().post(EM + "/assignmentRequests").then().statusCode(201);
            users.add(user);
        }

        String csv = given().auth().oauth2(admin).queryParam("$filter", "accessPackage/id eq '" + packageId + "'")
                .when().get(EM + "/assignments/export").then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("assignments.csv"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(AssignmentCsv.HEADER.trim(), lines[0]);
        assertEquals(121, lines.length, "a header and one line per assignment");
        Set<String> targets = new HashSet<>();
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].contains(",\"Sales, \"\"EMEA\"\"\","), "quoted as RFC 4180 says: " + lines[i]);
            targets.add(lines[i].split(",")[6]); // the quoted name holds one comma, so targetObjectId is the 7th piece
        }
        assertEquals(new HashSet<>(users), targets, "every assignment once");

        String mine = given().auth().oauth2(Tokens.user(users.get(7))).when().get(EM + "/assignments/export").then()
                .statusCode(200).extract().asString();
        assertEquals(2, mine.split("\r\n").length, "a requestor sees only their own assignment");
        assertTrue(mine.contains(users.get(7)));

        given().auth().oauth2(admin).queryParam("$filter", "colour eq 'red'").when().get(EM + "/assignments/export")
                .then().statusCode(400);
    }
}
