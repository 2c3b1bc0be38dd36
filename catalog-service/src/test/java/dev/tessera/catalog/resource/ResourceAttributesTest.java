package dev.tessera.catalog.resource;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.admin;
import static dev.tessera.catalog.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import dev.tessera.catalog.FakeDirectoryApi;
import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code accessPackageResource.attributes}: requestor-supplied values written to the user at delivery. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ResourceAttributesTest {

    static String attribute(String name, String question) {
        return """
                {"destination":{"@odata.type":"#microsoft.graph.accessPackageUserDirectoryAttributeStore"},
                 "isEditable":true,"isPersistedOnAssignmentRemoval":false,"name":"%s",
                 "source":{"@odata.type":"#microsoft.graph.accessPackageResourceAttributeQuestion",
                           "question":%s}}""".formatted(name, question);
    }

    static final String TEXT = """
            {"@odata.type":"#microsoft.graph.accessPackageTextInputQuestion","text":"Your cost centre?",
             "isSingleLineQuestion":true,"regexPattern":"[A-Z]{2}-[0-9]{4}"}""";

    static String add(String groupId, String catalog, String attributes) {
        return """
                {"requestType":"adminAdd","resource":{"originId":"%s","originSystem":"AadGroup","attributes":[%s]},
                 "catalog":{"id":"%s"}}""".formatted(groupId, attributes, catalog);
    }

    @Test
    void attributesGivenOnAddAreReturnedWithTheResourceAndInTheRequestContext() {
        String catalog = Fixtures.newCatalog("Attributes " + UUID.randomUUID());
        String group = FakeDirectoryApi.newGroup("Finance app users");
        Fixtures.groupAdmin().body(add(group, catalog, attribute("Department", TEXT) + ","
                        + attribute("jobTitle", """
                                {"@odata.type":"microsoft.graph.accessPackageMultipleChoiceQuestion","text":"Role?",
                                 "choices":[{"actualValue":"Analyst"},{"actualValue":"Controller"}]}""")))
                .when().post(EM + "/resourceRequests").then().statusCode(201);
        var resource = admin().queryParam("$filter", "originId eq '" + group + "'").queryParam("$expand", "roles,scopes")
                .when().get(EM + "/catalogs/" + catalog + "/resources").then().statusCode(200)
                .body("value[0].attributes", hasSize(2))
                .body("value[0].attributes[0].name", equalTo("department"))
                .body("value[0].attributes[0].isEditable", equalTo(true))
                .body("value[0].attributes[0].isPersistedOnAssignmentRemoval", equalTo(false))
                .body("value[0].attributes[0].destination.'@odata.type'",
                        equalTo("#microsoft.graph.accessPackageUserDirectoryAttributeStore"))
                .body("value[0].attributes[0].source.'@odata.type'",
                        equalTo("#microsoft.graph.accessPackageResourceAttributeQuestion"))
                .body("value[0].attributes[0].source.question.'@odata.type'",
                        equalTo("#microsoft.graph.accessPackageTextInputQuestion"))
                .body("value[0].attributes[0].source.question.id", matchesPattern("[0-9a-f-]{36}"))
                .body("value[0].attributes[0].source.question.regexPattern", equalTo("[A-Z]{2}-[0-9]{4}"))
                .body("value[0].attributes[1].name", equalTo("jobTitle"))
                .body("value[0].attributes[1].source.question.choices.actualValue",
                        equalTo(List.of("Analyst", "Controller")))
                .extract();
        String resourceId = resource.path("value[0].id");
        String questionId = resource.path("value[0].attributes[0].source.question.id");

        String pkg = Fixtures.newPackage(catalog, "Finance " + UUID.randomUUID());
        Fixtures.addRoleScope(pkg, resource.path("value[0].roles.find { it.displayName == 'Member' }.id"),
                resource.path("value[0].scopes[0].id"));
        as(Tokens.service()).when().get("/internal/v1/accessPackages/" + pkg + "/requestContext")
                .then().statusCode(200)
                .body("resourceAttributes", hasSize(1))
                .body("resourceAttributes[0].resourceId", equalTo(resourceId))
                .body("resourceAttributes[0].attributes[0].name", equalTo("department"))
                .body("resourceAttributes[0].attributes[0].source.question.id", equalTo(questionId));

        // adminUpdate replaces them (a question keeps the id it is given); without attributes it keeps them
        Fixtures.groupAdmin().body("""
                        {"requestType":"adminUpdate","resource":{"id":"%s","attributes":[%s]},"catalog":{"id":"%s"}}"""
                        .formatted(resourceId, attribute("officeLocation", TEXT.replaceFirst("\\{", "{\"id\":\"" + questionId + "\","))
                                .replace("\"isPersistedOnAssignmentRemoval\":false", "\"isPersistedOnAssignmentRemoval\":true"),
                                catalog))
                .when().post(EM + "/resourceRequests").then().statusCode(201);
        Fixtures.groupAdmin().body("""
                        {"requestType":"adminUpdate","resource":{"id":"%s","displayName":"Finance"},"catalog":{"id":"%s"}}"""
                        .formatted(resourceId, catalog))
                .when().post(EM + "/resourceRequests").then().statusCode(201);
        admin().queryParam("$filter", "originId eq '" + group + "'")
                .when().get(EM + "/catalogs/" + catalog + "/resources").then().statusCode(200)
                .body("value[0].displayName", equalTo("Finance"))
                .body("value[0].attributes", hasSize(1))
                .body("value[0].attributes[0].name", equalTo("officeLocation"))
                .body("value[0].attributes[0].isPersistedOnAssignmentRemoval", equalTo(true))
                .body("value[0].attributes[0].source.question.id", equalTo(questionId));
    }

    @Test
    void invalidAttributesAreRefusedByFieldAndNothingIsAdded() {
        String catalog = Fixtures.newCatalog("Bad attributes " + UUID.randomUUID());
        String group = FakeDirectoryApi.newGroup("Bad attributes");
        refused(group, catalog, attribute("userPrincipalName", TEXT), "resource.attributes[0].name", "not a user property");
        refused(group, catalog, attribute("extension_123_costCentre", TEXT), "resource.attributes[0].name", "department");
        refused(group, catalog, attribute("department", TEXT).replace("accessPackageUserDirectoryAttributeStore", "somewhereElse"),
                "resource.attributes[0].destination", "accessPackageUserDirectoryAttributeStore");
        refused(group, catalog, attribute("department", TEXT) + "," + attribute("DEPARTMENT", TEXT),
                "resource.attributes[1].name", "more than once");
        refused(group, catalog, attribute("department", "null"), "resource.attributes[0].source", "question");
        refused(group, catalog, attribute("department", TEXT.replace("\"Your cost centre?\"", "\"\"")),
                "resource.attributes[0].source.question.text", "required");
        refused(group, catalog, attribute("department", TEXT.replace("[A-Z]{2}-[0-9]{4}", "(a)\\\\1")),
                "resource.attributes[0].source.question.regexPattern", "regular expression");
        refused(group, catalog, attribute("jobTitle", """
                        {"@odata.type":"#microsoft.graph.accessPackageMultipleChoiceQuestion","text":"Role?",
                         "isMultipleSelectionAllowed":true,"choices":[{"actualValue":"A"}]}"""),
                "resource.attributes[0].source.question.isMultipleSelectionAllowed", "one value");
        admin().queryParam("$filter", "originId eq '" + group + "'")
                .when().get(EM + "/catalogs/" + catalog + "/resources").then().statusCode(200).body("value", hasSize(0));
    }

    private static void refused(String group, String catalog, String attributes, String target, String message) {
        Fixtures.groupAdmin().body(add(group, catalog, attributes)).when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.code", equalTo("invalidRequest"))
                .body("error.target", equalTo(target)).body("error.message", containsString(message));
    }
}
