package dev.tessera.catalog.extension;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.tessera.catalog.FakeOriginApis;
import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class CustomWorkflowExtensionApiTest {

    static String requestExtension(String url) {
        return """
                {"@odata.type":"#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension",
                 "displayName":"SoD check","description":"Asks the HR system",
                 "endpointConfiguration":{"@odata.type":"#microsoft.graph.logicAppTriggerEndpointConfiguration",
                   "subscriptionId":"38ab2ccc-3747-4567-b36b-9478f5602f0d","resourceGroupName":"test",
                   "logicAppWorkflowName":"sod","url":"%s"},
                 "authenticationConfiguration":{"@odata.type":"#microsoft.graph.azureAdPopTokenAuthentication"},
                 "clientConfiguration":{"@odata.type":"#microsoft.graph.customExtensionClientConfiguration",
                   "timeoutInMilliseconds":1000,"maximumRetries":1},
                 "callbackConfiguration":{"@odata.type":"#microsoft.graph.customExtensionCallbackConfiguration",
                   "timeoutDuration":"PT1H"}}
                """.formatted(url);
    }

    static String assignmentExtension() {
        return """
                {"@odata.type":"microsoft.graph.accessPackageAssignmentWorkflowExtension","displayName":"Warn",
                 "endpointConfiguration":{"url":"https://hooks.example.com/warn"}}
                """;
    }

    static String path(String catalog) {
        return EM + "/catalogs/" + catalog + "/customWorkflowExtensions";
    }

    @Test
    void anExtensionIsCreatedReadReplacedAndDeletedWithItsConfigurationEchoed() {
        String catalog = Fixtures.newCatalog("Ext " + UUID.randomUUID());
        String id = admin().body(requestExtension("https://prod-1.example.com/workflows/run"))
                .when().post(path(catalog)).then().statusCode(201)
                .body("'@odata.type'", equalTo("#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension"))
                .body("displayName", equalTo("SoD check"))
                .body("endpointConfiguration.logicAppWorkflowName", equalTo("sod"))
                .body("endpointConfiguration.url", equalTo("https://prod-1.example.com/workflows/run"))
                .body("authenticationConfiguration.'@odata.type'", equalTo("#microsoft.graph.azureAdPopTokenAuthentication"))
                .body("clientConfiguration.maximumRetries", equalTo(1))
                .body("callbackConfiguration.timeoutDuration", equalTo("PT1H"))
                .body("createdDateTime", notNullValue())
                .extract().path("id");
        admin().when().get(path(catalog) + "/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("clientConfiguration.timeoutInMilliseconds", equalTo(1000));
        admin().when().get(path(catalog)).then().statusCode(200).body("value.id", contains(id));
        admin().body(requestExtension("http://127.0.0.1:9/hook").replace("SoD check", "Renamed"))
                .when().put(path(catalog) + "/" + id).then().statusCode(200)
                .body("displayName", equalTo("Renamed")).body("endpointConfiguration.url", equalTo("http://127.0.0.1:9/hook"));
        admin().when().delete(path(catalog) + "/" + id).then().statusCode(204);
        admin().when().get(path(catalog) + "/" + id).then().statusCode(404).body("error.code", equalTo("itemNotFound"));
    }

    @Test
    void badExtensionsAreRefusedAndNothingIsStored() {
        String catalog = Fixtures.newCatalog("Ext " + UUID.randomUUID());
        admin().body(requestExtension("http://hooks.example.com/plain")).when().post(path(catalog)).then()
                .statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("https"));
        admin().body(requestExtension("ftp://hooks.example.com/x")).when().post(path(catalog)).then().statusCode(400);
        admin().body(requestExtension("https://ok.example.com").replace("\"maximumRetries\":1", "\"maximumRetries\":99"))
                .when().post(path(catalog)).then().statusCode(400);
        admin().body(requestExtension("https://ok.example.com").replace("PT1H", "soon"))
                .when().post(path(catalog)).then().statusCode(400);
        admin().body(requestExtension("https://ok.example.com").replace("accessPackageAssignmentRequestWorkflowExtension",
                "somethingElse")).when().post(path(catalog)).then().statusCode(400);
        admin().body(assignmentExtension().replace("}}", "},\"callbackConfiguration\":{\"timeoutDuration\":\"PT1H\"}}"))
                .when().post(path(catalog)).then().statusCode(400);
        admin().when().get(path(catalog)).then().statusCode(200).body("value", hasSize(0));
    }

    @Test
    void ownersWriteReadersReadOthersAreDenied() {
        String catalog = Fixtures.newCatalog("Ext " + UUID.randomUUID());
        String owner = Fixtures.newCatalogOwner(catalog);
        Fixtures.as(Tokens.user(owner)).body(assignmentExtension()).when().post(path(catalog)).then().statusCode(201);
        String stranger = FakeOriginApis.newUser("Member");
        Fixtures.as(Tokens.user(stranger)).when().get(path(catalog)).then().statusCode(403);
        Fixtures.as(Tokens.user(stranger)).body(assignmentExtension()).when().post(path(catalog)).then().statusCode(403);
    }

    @Test
    void policyStageSettingsRoundTripAndAreChecked() {
        String catalog = Fixtures.newCatalog("Ext " + UUID.randomUUID());
        String other = Fixtures.newCatalog("Other " + UUID.randomUUID());
        String request = admin().body(requestExtension("https://hooks.example.com/r")).when().post(path(catalog))
                .then().statusCode(201).extract().path("id");
        String assignment = admin().body(assignmentExtension()).when().post(path(catalog))
                .then().statusCode(201).extract().path("id");
        String elsewhere = admin().body(assignmentExtension()).when().post(path(other))
                .then().statusCode(201).extract().path("id");
        String pkg = Fixtures.newPackage(catalog, "Pkg " + UUID.randomUUID());
        String base = Fixtures.tutorialPolicyBody(pkg, UUID.randomUUID().toString());
        String withStages = base.substring(0, base.lastIndexOf('}')) + """
                ,"customExtensionStageSettings":[
                  {"stage":"assignmentRequestApproved","customExtension":{"id":"%s"}},
                  {"stage":"AssignmentOneDayBeforeExpiration","customExtension":{"id":"%s"}}]}
                """.formatted(request, assignment);
        String policy = admin().body(withStages).when().post(EM + "/assignmentPolicies").then().statusCode(201)
                .body("customExtensionStageSettings", hasSize(2))
                .body("customExtensionStageSettings[0].stage", equalTo("assignmentRequestApproved"))
                .body("customExtensionStageSettings[0].customExtension.id", equalTo(request))
                .body("customExtensionStageSettings[1].stage", equalTo("assignmentOneDayBeforeExpiration"))
                .body("customExtensionStageSettings[0].id", notNullValue())
                .extract().path("id");
        admin().when().get(EM + "/assignmentPolicies/" + policy).then().statusCode(200)
                .body("customExtensionStageSettings", nullValue());
        admin().when().get(EM + "/assignmentPolicies/" + policy + "?$expand=customExtensionStageSettings").then()
                .statusCode(200).body("customExtensionStageSettings.customExtension.id", contains(request, assignment));
        // request-service learns the stage settings and the bound extensions' endpoints from the package's context
        Fixtures.as(Tokens.service()).when().get("/internal/v1/accessPackages/" + pkg + "/requestContext").then()
                .statusCode(200)
                .body("policies[0].customExtensionStageSettings.stage",
                        contains("assignmentRequestApproved", "assignmentOneDayBeforeExpiration"))
                .body("customExtensions", hasSize(2))
                .body("customExtensions.find { it.id == '" + request + "' }.endpointConfiguration.url",
                        equalTo("https://hooks.example.com/r"))
                .body("customExtensions.find { it.id == '" + request + "' }.callbackConfiguration.timeoutDuration",
                        equalTo("PT1H"));
        // a bound extension cannot be deleted
        admin().when().delete(path(catalog) + "/" + request).then().statusCode(409);

        String wrongStage = base.substring(0, base.lastIndexOf('}')) + """
                ,"customExtensionStageSettings":[{"stage":"assignmentRequestCreated","customExtension":{"id":"%s"}}]}
                """.formatted(assignment);
        admin().body(wrongStage).when().post(EM + "/assignmentPolicies").then().statusCode(400);
        String otherCatalog = base.substring(0, base.lastIndexOf('}')) + """
                ,"customExtensionStageSettings":[{"stage":"assignmentOneDayBeforeExpiration","customExtension":{"id":"%s"}}]}
                """.formatted(elsewhere);
        admin().body(otherCatalog).when().post(EM + "/assignmentPolicies").then().statusCode(400);
        String badStage = base.substring(0, base.lastIndexOf('}')) + """
                ,"customExtensionStageSettings":[{"stage":"whenever","customExtension":{"id":"%s"}}]}
                """.formatted(request);
        admin().body(badStage).when().put(EM + "/assignmentPolicies/" + policy).then().statusCode(400);
        // an empty list removes them
        String cleared = base.substring(0, base.lastIndexOf('}')) + ",\"customExtensionStageSettings\":[]}";
        admin().body(cleared).when().put(EM + "/assignmentPolicies/" + policy).then().statusCode(200)
                .body("customExtensionStageSettings", nullValue());
        admin().when().get(EM + "/assignmentPolicies/" + policy + "?$expand=customExtensionStageSettings").then()
                .statusCode(200).body("customExtensionStageSettings", hasSize(0));
        admin().when().delete(path(catalog) + "/" + request).then().statusCode(204);
    }
}
