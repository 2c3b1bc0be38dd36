package dev.tessera.catalog.beta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.beta.BetaMapping;
import org.junit.jupiter.api.Test;

/**
 * Every catalog-service beta mapping both ways: a beta body becomes the v1.0 body, and the v1.0 entity the
 * service then holds comes back as the beta shape, keeping what v1.0 can hold (docs/beta.md).
 */
class BetaMappingsTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String C = "88d3e491-5247-4209-9b56-c4c95d9694e9";
    static final String P = "08173ced-8eae-4023-8433-cb85f29e7726";
    static final String G = "87553228-0d72-4138-890b-36e683f883b7";
    static final String U = "6c42590f-fcf0-4922-bac6-205f7c6aa89c";

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void assertJson(String expected, JsonNode actual) {
        assertEquals(json(expected), actual, actual.toPrettyString());
    }

    @Test
    void catalogs() {
        BetaMapping m = new BetaCatalogs();
        assertJson("""
                {"displayName":"Marketing","description":"d","isExternallyVisible":true,"state":"published"}""",
                m.requestToV1(json("""
                {"DisplayName":"Marketing","description":"d","isExternallyVisible":true,"catalogStatus":"Published",
                 "catalogType":"UserManaged"}""")));
        assertJson("""
                {"id":"%s","displayName":"General","description":"Built-in catalog.","catalogType":"ServiceDefault",
                 "isExternallyVisible":true,"createdDateTime":"2022-01-13T06:47:56Z","catalogStatus":"Published"}""".formatted(C),
                m.entityToBeta(json("""
                {"id":"%s","displayName":"General","description":"Built-in catalog.","catalogType":"serviceDefault",
                 "state":"published","isExternallyVisible":true,"createdDateTime":"2022-01-13T06:47:56Z"}""".formatted(C))));
    }

    @Test
    void resourceRequests() {
        BetaMapping m = new BetaResourceRequests();
        // the tutorial's hashtable: "originSystem" = "AadGroup " (trailing space), OriginId capitalised
        assertJson("""
                {"requestType":"adminAdd","catalog":{"id":"%s"},"resource":{"originId":"%s","originSystem":"AadGroup"}}"""
                        .formatted(C, G),
                m.requestToV1(json("""
                {"catalogId":"%s","requestType":"AdminAdd","accessPackageResource":{"originSystem":"AadGroup ","OriginId":"%s"}}"""
                        .formatted(C, G))));
        assertJson("""
                {"id":"r1","requestType":"AdminAdd","createdDateTime":"2022-04-05T11:33:44Z","requestState":"Delivered",
                 "requestStatus":"Fulfilled","catalogId":"%s","executeImmediately":false}""".formatted(C),
                m.entityToBeta(json("""
                {"id":"r1","requestType":"adminAdd","state":"delivered","createdDateTime":"2022-04-05T11:33:44Z",
                 "catalog":{"id":"%s"}}""".formatted(C))));
        assertEquals("Accepted", BetaResourceRequests.status("submitted"));
        assertEquals("DeliveryFailed", BetaResourceRequests.status("deliveryFailed"));
    }

    @Test
    void resourcesWithRolesAndScopes() {
        BetaMapping m = new BetaResources();
        assertJson("""
                {"id":"res","displayName":"Marketing resources","description":"Marketing resources","originId":"%s",
                 "originSystem":"AadGroup","attributes":[],"createdDateTime":"2022-04-05T11:33:44Z",
                 "addedOn":"2022-04-05T11:33:44Z","resourceType":"Security Group","isPendingOnboarding":false,
                 "accessPackageResourceRoles":[{"id":"role","displayName":"Member","originId":"Member_%s","originSystem":"AadGroup"}],
                 "accessPackageResourceScopes":[{"id":"scope","originId":"%s","originSystem":"AadGroup","isRootScope":true}]}"""
                        .formatted(G, G, G),
                m.entityToBeta(json("""
                {"id":"res","displayName":"Marketing resources","description":"Marketing resources","originId":"%s",
                 "originSystem":"AadGroup","attributes":[],"createdDateTime":"2022-04-05T11:33:44Z",
                 "roles":[{"id":"role","displayName":"Member","originId":"Member_%s","originSystem":"AadGroup"}],
                 "scopes":[{"id":"scope","originId":"%s","originSystem":"AadGroup","isRootScope":true}]}"""
                        .formatted(G, G, G))));
        assertJson("""
                {"id":"res","originId":"%s","originSystem":"AadGroup"}""".formatted(G),
                m.requestToV1(json("""
                {"Id":"res","resourceType":"Security Group","OriginId":"%s","originSystem":"AadGroup"}""".formatted(G))));
    }

    @Test
    void resourceRoles() {
        BetaMapping m = new BetaResourceRoles();
        ObjectNode v1 = m.requestToV1(json("""
                {"originId":"Member_%s","displayName":"Member","originSystem":"AadGroup",
                 "accessPackageResource":{"id":"res","resourceType":"Security Group","originId":"%s","originSystem":"AadGroup"}}"""
                .formatted(G, G)));
        assertJson("""
                {"originId":"Member_%s","displayName":"Member","originSystem":"AadGroup",
                 "resource":{"id":"res","originId":"%s","originSystem":"AadGroup"}}""".formatted(G, G), v1);
        ObjectNode beta = m.entityToBeta(v1.deepCopy().put("id", "role"));
        assertEquals("res", beta.path("accessPackageResource").path("id").asText());
        assertEquals("Security Group", beta.path("accessPackageResource").path("resourceType").asText());
        assertEquals("Member_" + G, beta.path("originId").asText());
    }

    @Test
    void resourceRoleScopes() {
        BetaMapping m = new BetaResourceRoleScopes();
        ObjectNode v1 = m.requestToV1(json("""
                {"accessPackageResourceRole":{"originId":"Member_%s","displayName":"Member","originSystem":"AadGroup",
                   "accessPackageResource":{"id":"res","resourceType":"Security Group","originId":"%s","originSystem":"AadGroup"}},
                 "accessPackageResourceScope":{"originId":"%s","originSystem":"AadGroup"}}""".formatted(G, G, G)));
        assertJson("""
                {"role":{"originId":"Member_%s","displayName":"Member","originSystem":"AadGroup",
                   "resource":{"id":"res","originId":"%s","originSystem":"AadGroup"}},
                 "scope":{"originId":"%s","originSystem":"AadGroup"}}""".formatted(G, G, G), v1);
        ObjectNode beta = m.entityToBeta(json("""
                {"id":"role_scope","createdDateTime":"2022-04-05T11:48:35Z",
                 "role":{"id":"role","displayName":"Member","originId":"Member_%s","originSystem":"AadGroup","resource":{"id":"res"}},
                 "scope":{"id":"scope","originId":"%s","originSystem":"AadGroup","isRootScope":true}}""".formatted(G, G)));
        assertEquals("Member_" + G, beta.path("accessPackageResourceRole").path("originId").asText());
        assertEquals("res", beta.path("accessPackageResourceRole").path("accessPackageResource").path("id").asText());
        assertEquals(G, beta.path("accessPackageResourceScope").path("originId").asText());
        assertEquals(false, beta.has("role") || beta.has("scope"));
    }

    @Test
    void accessPackages() {
        BetaMapping m = new BetaAccessPackages();
        assertJson("""
                {"displayName":"Marketing Campaign","catalog":{"id":"%s"}}""".formatted(C),
                m.requestToV1(json("""
                {"CatalogId":"%s","DisplayName":"Marketing Campaign","isRoleScopesVisible":true}""".formatted(C))));
        ObjectNode beta = m.entityToBeta(json("""
                {"id":"%s","displayName":"Marketing Campaign","description":null,"isHidden":false,
                 "catalog":{"id":"%s","displayName":"General","state":"published","catalogType":"serviceDefault"},
                 "resourceRoleScopes":[{"id":"r_s","role":{"id":"r"},"scope":{"id":"s"}}],
                 "assignmentPolicies":[{"id":"pol","expiration":{"type":"noExpiration"}}]}""".formatted(P, C)));
        assertEquals(C, beta.path("catalogId").asText());
        assertEquals("Published", beta.path("accessPackageCatalog").path("catalogStatus").asText());
        assertEquals(false, beta.path("isRoleScopesVisible").asBoolean(true));
        assertEquals("r", beta.path("accessPackageResourceRoleScopes").path(0).path("accessPackageResourceRole").path("id").asText());
        assertEquals("pol", beta.path("accessPackageAssignmentPolicies").path(0).path("id").asText());
        assertEquals(false, beta.has("catalog") || beta.has("resourceRoleScopes") || beta.has("assignmentPolicies"));
    }

    @Test
    void theTutorialsPolicyGoesToV1AndComesBackAsSent() {
        BetaMapping m = new BetaAssignmentPolicies();
        ObjectNode v1 = m.requestToV1(json("""
                {"accessPackageId":"%s","displayName":"Specific users","description":"Specific users can request assignment",
                 "durationInDays":30,
                 "requestorSettings":{"scopeType":"SpecificDirectorySubjects","acceptRequests":true,
                   "allowedRequestors":[{"@odata.type":"#microsoft.graph.singleUser","isBackup":false,"id":"%s","description":"Requestor1"}]},
                 "requestApprovalSettings":{"isApprovalRequired":false,"isApprovalRequiredForExtension":false,
                   "isRequestorJustificationRequired":false,"approvalMode":"NoApproval","approvalStages":"[]"}}"""
                .formatted(P, U)));
        assertJson("""
                {"displayName":"Specific users","description":"Specific users can request assignment",
                 "accessPackage":{"id":"%s"},"expiration":{"type":"afterDuration","duration":"P30D"},
                 "allowedTargetScope":"specificDirectoryUsers",
                 "specificAllowedTargets":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s","description":"Requestor1"}],
                 "requestorSettings":{"enableTargetsToSelfAddAccess":true,"enableTargetsToSelfUpdateAccess":true,
                   "enableTargetsToSelfRemoveAccess":true,"allowCustomAssignmentSchedule":false,
                   "enableOnBehalfRequestorsToAddAccess":false,"enableOnBehalfRequestorsToUpdateAccess":false,
                   "enableOnBehalfRequestorsToRemoveAccess":false,"onBehalfRequestors":[]},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":false,"isApprovalRequiredForUpdate":false,
                   "isRequestorJustificationRequired":false,"stages":[]}}""".formatted(P, U), v1);
        ObjectNode beta = m.entityToBeta(v1.deepCopy().put("id", "pol"));
        assertJson("""
                {"displayName":"Specific users","description":"Specific users can request assignment","id":"pol",
                 "accessPackage":{"id":"%s","isRoleScopesVisible":false},"accessPackageId":"%s",
                 "durationInDays":30,"expirationDateTime":null,"canExtend":true,
                 "requestorSettings":{"scopeType":"SpecificDirectorySubjects","acceptRequests":true,
                   "allowedRequestors":[{"@odata.type":"#microsoft.graph.singleUser","id":"%s","description":"Requestor1","isBackup":false}]},
                 "requestApprovalSettings":{"isApprovalRequired":false,"isApprovalRequiredForExtension":false,
                   "isRequestorJustificationRequired":false,"approvalStages":[],"approvalMode":"NoApproval"}}"""
                .formatted(P, P, U), beta);
    }

    @Test
    void approvalStagesAndOtherScopesBothWays() {
        BetaMapping m = new BetaAssignmentPolicies();
        String beta = """
                {"accessPackageId":"%s","displayName":"Approved","expirationDateTime":"2030-01-01T00:00:00Z","canExtend":false,
                 "requestorSettings":{"scopeType":"AllExistingDirectoryMemberUsers","acceptRequests":true,"allowedRequestors":[]},
                 "requestApprovalSettings":{"isApprovalRequired":true,"isApprovalRequiredForExtension":true,
                   "isRequestorJustificationRequired":true,"approvalMode":"Serial","approvalStages":[
                   {"approvalStageTimeOutInDays":14,"isApproverJustificationRequired":true,"isEscalationEnabled":true,
                    "escalationTimeInMinutes":120,
                    "primaryApprovers":[{"@odata.type":"#microsoft.graph.requestorManager","managerLevel":1,"isBackup":false},
                                        {"@odata.type":"#microsoft.graph.singleUser","id":"%s","isBackup":true}],
                    "escalationApprovers":[{"@odata.type":"#microsoft.graph.groupMembers","id":"%s","isBackup":false}]},
                   {"approvalStageTimeOutInDays":7,"isApproverJustificationRequired":false,"isEscalationEnabled":false,
                    "primaryApprovers":[{"@odata.type":"#microsoft.graph.internalSponsors","isBackup":false}]}]}}"""
                .formatted(P, U, G);
        ObjectNode v1 = m.requestToV1(json(beta));
        assertEquals("allMemberUsers", v1.path("allowedTargetScope").asText());
        assertJson("""
                {"type":"afterDateTime","endDateTime":"2030-01-01T00:00:00Z"}""", v1.path("expiration"));
        assertEquals(false, v1.path("requestorSettings").path("enableTargetsToSelfUpdateAccess").asBoolean());
        JsonNode stage = v1.path("requestApprovalSettings").path("stages").path(0);
        assertEquals("P14D", stage.path("durationBeforeAutomaticDenial").asText());
        assertEquals("PT120M", stage.path("durationBeforeEscalation").asText());
        assertEquals(1, stage.path("primaryApprovers").path(0).path("managerLevel").asInt());
        assertEquals(U, stage.path("fallbackPrimaryApprovers").path(0).path("userId").asText());
        assertEquals(G, stage.path("escalationApprovers").path(0).path("groupId").asText());

        ObjectNode back = m.entityToBeta(v1.deepCopy());
        assertEquals("AllExistingDirectoryMemberUsers", back.path("requestorSettings").path("scopeType").asText());
        assertEquals("2030-01-01T00:00:00Z", back.path("expirationDateTime").asText());
        assertEquals(true, back.path("durationInDays").isNull());
        assertEquals(false, back.path("canExtend").asBoolean(true));
        JsonNode approval = back.path("requestApprovalSettings");
        assertEquals("Serial", approval.path("approvalMode").asText());
        assertEquals(true, approval.path("isApprovalRequired").asBoolean());
        assertEquals(true, approval.path("isApprovalRequiredForExtension").asBoolean());
        assertEquals(true, approval.path("isRequestorJustificationRequired").asBoolean());
        // the stages as sent, approvers in order with the backups last
        assertEquals(json(beta).path("requestApprovalSettings").path("approvalStages").get(0),
                approval.path("approvalStages").get(0));
        assertEquals(7, approval.path("approvalStages").get(1).path("approvalStageTimeOutInDays").asInt());
        assertEquals("#microsoft.graph.internalSponsors",
                approval.path("approvalStages").get(1).path("primaryApprovers").get(0).path("@odata.type").asText());
    }

    @Test
    void scopeTypesMapBothWays() {
        BetaAssignmentPolicies.SCOPE_TO_BETA.forEach((v1, beta) ->
                assertEquals(v1, BetaAssignmentPolicies.SCOPE_TO_V1.get(beta), beta));
        assertEquals("notSpecified", new BetaAssignmentPolicies().requestToV1(json("""
                {"requestorSettings":{"scopeType":"NoSubjects","acceptRequests":false}}""")).path("allowedTargetScope").asText());
    }
}
