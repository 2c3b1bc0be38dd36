package dev.tessera.catalog.input;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.GENERAL;
import static dev.tessera.catalog.Fixtures.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 items 2, 5 and 7: input the database would refuse (a 500 before) or Graph refuses (accepted
 * before) is a 400 Graph error naming the property, and nothing is written.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class InputLimitsTest {

    static ValidatableResponse refused(ValidatableResponse response, String target) {
        return response.statusCode(400).header("Content-Type", startsWith("application/json"))
                .body("error.code", equalTo("invalidRequest")).body("error.target", equalTo(target));
    }

    static ValidatableResponse badRequest(ValidatableResponse response) {
        return response.statusCode(400).header("Content-Type", startsWith("application/json"))
                .body("error.code", equalTo("BadRequest"));
    }

    static void nothingNamed(String tag) {
        admin().queryParam("$filter", "contains(displayName,'" + tag + "')").when().get(EM + "/catalogs")
                .then().statusCode(200).body("value", hasSize(0));
    }

    @Test
    void overLongNamesAndDescriptionsAreRefusedNamingTheProperty() {
        String tag = UUID.randomUUID().toString();
        refused(admin().body("{\"displayName\":\"" + tag + "x".repeat(257 - tag.length()) + "\"}")
                .when().post(EM + "/catalogs").then(), "displayName")
                .body("error.message", equalTo("Property 'displayName' must be at most 256 characters."));
        refused(admin().body("{\"displayName\":\"" + tag + "\",\"description\":\"" + "d".repeat(1025) + "\"}")
                .when().post(EM + "/catalogs").then(), "description")
                .body("error.message", equalTo("Property 'description' must be at most 1024 characters."));
        nothingNamed(tag);
        String atTheLimit = tag + "x".repeat(256 - tag.length());
        String catalog = admin().body("{\"displayName\":\"" + atTheLimit + "\",\"description\":\"" + "d".repeat(1024)
                + "\"}").when().post(EM + "/catalogs").then().statusCode(201)
                .body("displayName", equalTo(atTheLimit)).extract().path("id");
        refused(admin().body("{\"description\":\"" + "d".repeat(1025) + "\"}").when().patch(EM + "/catalogs/" + catalog)
                .then(), "description");
        refused(admin().body("{\"displayName\":\"" + "x".repeat(257) + "\"}").when().patch(EM + "/catalogs/" + catalog)
                .then(), "displayName");

        refused(admin().body("{\"catalog\":{\"id\":\"" + GENERAL + "\"},\"displayName\":\"" + "x".repeat(257) + "\"}")
                .when().post(EM + "/accessPackages").then(), "displayName");
        String accessPackage = Fixtures.newPackage(GENERAL, "Limits " + tag);
        refused(admin().body("{\"description\":\"" + "d".repeat(1025) + "\"}")
                .when().patch(EM + "/accessPackages/" + accessPackage).then(), "description");
        refused(admin().body(policy(accessPackage, "\"description\":\"" + "d".repeat(1025) + "\""))
                .when().post(EM + "/assignmentPolicies").then(), "description");
        refused(admin().body(policy(accessPackage, "\"displayName\":\"" + "x".repeat(257) + "\""))
                .when().post(EM + "/assignmentPolicies").then(), "displayName");
    }

    static String policy(String accessPackage, String extra) {
        return "{\"displayName\":\"p\",\"accessPackage\":{\"id\":\"" + accessPackage + "\"}," + extra + "}";
    }

    @Test
    void aNulOrOtherControlCharacterIsRefusedInBodiesPathsFiltersAndSkipTokens() {
        String tag = UUID.randomUUID().toString();
        refused(admin().body("{\"displayName\":\"" + tag + "\\u0000\"}").when().post(EM + "/catalogs").then(),
                "displayName").body("error.message", containsString("control character"));
        refused(admin().body("{\"displayName\":\"" + tag + "\",\"description\":\"bell \\u0007\"}")
                .when().post(EM + "/catalogs").then(), "description");
        nothingNamed(tag);
        admin().body("{\"displayName\":\"" + tag + "\",\"description\":\"tab\\tand\\r\\nlines\"}")
                .when().post(EM + "/catalogs").then().statusCode(201)
                .body("description", equalTo("tab\tand\r\nlines"));

        refused(admin().urlEncodingEnabled(false).when().get(EM + "/catalogs/%00").then(), "id");
        refused(admin().urlEncodingEnabled(false).when().get(EM + "/accessPackages/a%00b").then(), "id");
        refused(admin().queryParam("$filter", "displayName eq 'a\u0000b'").when().get(EM + "/catalogs").then(),
                "$filter");
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("k1:\u0000".getBytes(StandardCharsets.UTF_8));
        admin().queryParam("$skiptoken", forged).when().get(EM + "/catalogs").then().statusCode(400)
                .body("error.message", equalTo("Invalid $skiptoken."));
        // a token the catalogs list issued pages the catalogs, and nothing else (issue 15, item 7)
        String next = admin().queryParam("$top", 1).when().get(EM + "/catalogs").then().statusCode(200)
                .extract().path("'@odata.nextLink'");
        String token = java.net.URLDecoder.decode(next.replaceAll(".*%24skiptoken=", "").replaceAll("&.*", ""),
                StandardCharsets.UTF_8);
        admin().queryParam("$top", 1).queryParam("$skiptoken", token).when().get(EM + "/catalogs").then().statusCode(200);
        admin().queryParam("$skiptoken", token).when().get(EM + "/accessPackages").then().statusCode(400)
                .body("error.message", equalTo("Invalid $skiptoken."));
        admin().queryParam("$skiptoken", token.substring(0, token.indexOf('.'))).when().get(EM + "/catalogs").then()
                .statusCode(400).body("error.message", equalTo("Invalid $skiptoken."));
        admin().queryParam("$expand", "accessPackages,customWorkflowExtensions").when().get(EM + "/catalogs").then()
                .statusCode(400).body("error.message", containsString("'customWorkflowExtensions'"));
        admin().queryParam("$expand", "catalog").when().get(EM + "/connectedOrganizations").then()
                .statusCode(400).body("error.message", containsString("'catalog'"));
        // free-form JSON inside a body is checked too
        String accessPackage = Fixtures.newPackage(GENERAL, "Nul " + tag);
        refused(admin().body(policy(accessPackage, "\"questions\":[{\"@odata.type\":"
                + "\"#microsoft.graph.accessPackageTextInputQuestion\",\"text\":\"Why\\u0000?\"}]"))
                .when().post(EM + "/assignmentPolicies").then(), "questions[0].text");
    }

    @Test
    void oneJsonDocumentAndNothingAfterIt() {
        String tag = UUID.randomUUID().toString();
        badRequest(admin().body("{\"displayName\":\"" + tag + "\"}{\"displayName\":\"" + tag + "\"}")
                .when().post(EM + "/catalogs").then());
        badRequest(admin().body("{\"displayName\":\"" + tag + "\"} trailing").when().post(EM + "/catalogs").then());
        badRequest(admin().body("{\"displayName\":\"" + tag + "\"} 5").when().post(EM + "/catalogs").then());
        nothingNamed(tag);
    }

    @Test
    void scalarsOfTheWrongTypeAndEnumOrdinalsAreRefusedNamingTheProperty() {
        String tag = UUID.randomUUID().toString();
        refused(admin().body("{\"displayName\":5}").when().post(EM + "/catalogs").then(), "displayName");
        refused(admin().body("{\"displayName\":true}").when().post(EM + "/catalogs").then(), "displayName");
        refused(admin().body("{\"displayName\":\"" + tag + "\",\"isExternallyVisible\":\"false\"}")
                .when().post(EM + "/catalogs").then(), "isExternallyVisible");
        refused(admin().body("{\"displayName\":\"" + tag + "\",\"isExternallyVisible\":0}")
                .when().post(EM + "/catalogs").then(), "isExternallyVisible");
        refused(admin().body("{\"displayName\":\"" + tag + "\",\"state\":1}").when().post(EM + "/catalogs").then(),
                "state");
        nothingNamed(tag);
    }

    @Test
    void policiesAreBounded() {
        String accessPackage = Fixtures.newPackage(GENERAL, "Bounded " + UUID.randomUUID());
        String question = "{\"@odata.type\":\"#microsoft.graph.accessPackageTextInputQuestion\",\"text\":\"q\"}";
        String many = IntStream.range(0, 5_000).mapToObj(i -> question).collect(Collectors.joining(","));
        refused(admin().body(policy(accessPackage, "\"questions\":[" + many + "]"))
                .when().post(EM + "/assignmentPolicies").then(), "questions")
                .body("error.message", containsString("at most 100"));
        String hundred = IntStream.range(0, 100).mapToObj(i -> question).collect(Collectors.joining(","));
        admin().body(policy(accessPackage, "\"questions\":[" + hundred + "]"))
                .when().post(EM + "/assignmentPolicies").then().statusCode(201).body("questions", hasSize(100));

        refused(admin().body(policy(accessPackage, "\"expiration\":{\"type\":\"afterDuration\",\"duration\":\"P99999Y\"}"))
                .when().post(EM + "/assignmentPolicies").then(), "expiration.duration");
        refused(admin().body(policy(accessPackage,
                        "\"expiration\":{\"type\":\"afterDateTime\",\"endDateTime\":\"+10000-01-01T00:00:00Z\"}"))
                .when().post(EM + "/assignmentPolicies").then(), "expiration.endDateTime");
        admin().body(policy(accessPackage, "\"expiration\":{\"type\":\"afterDuration\",\"duration\":\"P3650D\"}"))
                .when().post(EM + "/assignmentPolicies").then().statusCode(201);
    }

    @Test
    void questionPatternsMustRunInLinearTime() {
        String accessPackage = Fixtures.newPackage(GENERAL, "Patterns " + UUID.randomUUID());
        refused(admin().body(policy(accessPackage, "\"questions\":[{\"@odata.type\":"
                        + "\"#microsoft.graph.accessPackageTextInputQuestion\",\"text\":\"q\",\"regexPattern\":\"(a)\\\\1\"}]"))
                .when().post(EM + "/assignmentPolicies").then(), "questions[0].regexPattern")
                .body("error.message", containsString("Property 'questions[0].regexPattern'"));
        admin().body(policy(accessPackage, "\"questions\":[{\"@odata.type\":"
                        + "\"#microsoft.graph.accessPackageTextInputQuestion\",\"text\":\"q\",\"regexPattern\":\"((a+)+)+\"}]"))
                .when().post(EM + "/assignmentPolicies").then().statusCode(201)
                .body("questions[0].regexPattern", equalTo("((a+)+)+"));
    }
}
