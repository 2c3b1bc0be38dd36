package dev.tessera.request.beta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessPackageAssignmentRequestsMappingTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** v1.0 accessPackageRequestType and accessPackageRequestState, as request-service's enums list them. */
    static final List<String> V1_REQUEST_TYPES = List.of("notSpecified", "userAdd", "userUpdate", "userRemove",
            "adminAdd", "adminUpdate", "adminRemove", "systemAdd", "systemUpdate", "systemRemove", "onBehalfAdd",
            "unknownFutureValue");
    static final List<String> V1_REQUEST_STATES = List.of("submitted", "pendingApproval", "delivering", "delivered",
            "deliveryFailed", "denied", "scheduled", "canceled", "partiallyDelivered", "unknownFutureValue");

    final AccessPackageAssignmentRequestsMapping mapping =
            new AccessPackageAssignmentRequestsMapping(new AccessPackageAssignmentsMapping());

    static ObjectNode json(String text) throws Exception {
        return (ObjectNode) MAPPER.readTree(text);
    }

    @Test
    void segments() {
        assertEquals("accessPackageAssignmentRequests", mapping.betaSegment());
        assertEquals("assignmentRequests", mapping.v1Segment());
    }

    @Test
    void theModulesFlattenedUserAddBecomesV1sAssignmentReference() throws Exception {
        // New-MgBetaEntitlementManagementAccessPackageAssignmentRequest -RequestType 'UserAdd' -AccessPackageId …
        ObjectNode v1 = mapping.requestToV1(json("""
                {"requestType":"UserAdd","accessPackageId":"p1","assignmentPolicyId":"q1","targetId":"u1"}"""));
        assertEquals(json("""
                {"requestType":"userAdd","assignment":{"accessPackageId":"p1","assignmentPolicyId":"q1","targetId":"u1"}}"""),
                v1);
    }

    @Test
    void theModulesFlattenedAdminRemoveNamesTheAssignment() throws Exception {
        ObjectNode v1 = mapping.requestToV1(json("""
                {"requestType":"AdminRemove","accessPackageAssignmentId":"a1"}"""));
        assertEquals(json("""
                {"requestType":"adminRemove","assignment":{"id":"a1"}}"""), v1);
    }

    @Test
    void theBetaResourcesOwnBodyKeepsJustificationAnswersAndSchedule() throws Exception {
        ObjectNode v1 = mapping.requestToV1(json("""
                {"requestType":"AdminAdd","justification":"needs it","isValidationOnly":false,
                 "accessPackageAssignment":{"accessPackageId":"p1","assignmentPolicyId":"q1","targetId":"u1"},
                 "answers":[{"@odata.type":"#microsoft.graph.accessPackageAnswerString","value":"x",
                             "answeredQuestion":{"id":"k"}}],
                 "schedule":{"startDateTime":"2026-12-08T00:00:00Z",
                             "expiration":{"type":"afterDuration","duration":"P30D"}}}"""));
        assertEquals(json("""
                {"requestType":"adminAdd","justification":"needs it",
                 "assignment":{"accessPackageId":"p1","assignmentPolicyId":"q1","targetId":"u1"},
                 "answers":[{"@odata.type":"#microsoft.graph.accessPackageAnswerString","value":"x",
                             "answeredQuestion":{"id":"k"}}],
                 "schedule":{"startDateTime":"2026-12-08T00:00:00Z",
                             "expiration":{"type":"afterDuration","duration":"P30D"}}}"""), v1);
    }

    @Test
    void theFlattenedStartDateIsTheSchedulesStart() throws Exception {
        ObjectNode v1 = mapping.requestToV1(json("""
                {"requestType":"UserAdd","accessPackageId":"p1","assignmentPolicyId":"q1","targetId":"u1",
                 "startDate":"2026-12-24T00:00:00Z"}"""));
        assertEquals("2026-12-24T00:00:00Z", v1.at("/schedule/startDateTime").asText());
        assertEquals("p1", v1.at("/assignment/accessPackageId").asText());
    }

    @Test
    void nestedWinsOverFlatAndTheBetaBodyIsNotChanged() throws Exception {
        ObjectNode beta = json("""
                {"requestType":"UserAdd","targetId":"flat","accessPackageAssignment":{"targetId":"nested"}}""");
        ObjectNode before = beta.deepCopy();
        ObjectNode v1 = mapping.requestToV1(beta);
        assertEquals("nested", v1.at("/assignment/targetId").asText());
        assertEquals(before, beta);
    }

    @Test
    void validationOnlyIsRefusedRatherThanCreatingTheRequest() throws Exception {
        GraphException refused = assertThrows(GraphException.class,
                () -> mapping.requestToV1(json("{\"requestType\":\"UserAdd\",\"isValidationOnly\":true}")));
        assertTrue(refused.getMessage().contains("isValidationOnly"));
    }

    @Test
    void everyBetaRequestTypeIsAV1MemberAnyCase() {
        for (String beta : AccessPackageAssignmentRequestsMapping.betaRequestTypes()) {
            String v1 = AccessPackageAssignmentRequestsMapping.REQUEST_TYPE.toV1(beta);
            assertTrue(V1_REQUEST_TYPES.contains(v1), beta + " → " + v1);
            assertEquals(v1, AccessPackageAssignmentRequestsMapping.REQUEST_TYPE.toV1(beta.toUpperCase()));
        }
        assertEquals("userUpdate", AccessPackageAssignmentRequestsMapping.REQUEST_TYPE.toV1("UserExtend"));
        // an unknown type passes unchanged: v1.0 answers it with its own error
        assertEquals("Bogus", AccessPackageAssignmentRequestsMapping.REQUEST_TYPE.toV1("Bogus"));
    }

    @Test
    void everyV1RequestTypeAndStateHasItsBetaSpellingAndBack() {
        for (String v1 : V1_REQUEST_TYPES) {
            String beta = AccessPackageAssignmentRequestsMapping.REQUEST_TYPE.toBeta(v1);
            assertEquals(v1, AccessPackageAssignmentRequestsMapping.REQUEST_TYPE.toV1(beta));
            if (!v1.equals("unknownFutureValue")) {
                assertTrue(Character.isUpperCase(beta.charAt(0)), v1 + " → " + beta);
            }
        }
        assertEquals(V1_REQUEST_TYPES.size(), AccessPackageAssignmentRequestsMapping.REQUEST_TYPE.v1Values().size());
        for (String v1 : V1_REQUEST_STATES) {
            String beta = AccessPackageAssignmentRequestsMapping.REQUEST_STATE.toBeta(v1);
            assertEquals(v1, AccessPackageAssignmentRequestsMapping.REQUEST_STATE.toV1(beta));
        }
        assertEquals(V1_REQUEST_STATES.size(), AccessPackageAssignmentRequestsMapping.REQUEST_STATE.v1Values().size());
        assertEquals("PendingApproval", AccessPackageAssignmentRequestsMapping.REQUEST_STATE.toBeta("pendingApproval"));
    }

    @Test
    void aSubmittedV1RequestIsTheTutorialsSubmittedAccepted() throws Exception {
        ObjectNode beta = mapping.entityToBeta(json("""
                {"@odata.context":"http://localhost:8080/v1.0/$metadata#identityGovernance/entitlementManagement/assignmentRequests/$entity",
                 "id":"r1","requestType":"userAdd","state":"submitted","status":"Accepted",
                 "createdDateTime":"2026-12-07T21:00:00Z","completedDateTime":null,"justification":null,
                 "schedule":{"startDateTime":null,"recurrence":null,"expiration":{"endDateTime":null,"duration":null,"type":"notSpecified"}},
                 "answers":[],"customExtensionCalloutInstances":[]}"""));
        assertEquals("UserAdd", beta.get("requestType").asText());
        assertEquals("Submitted", beta.get("requestState").asText());
        assertEquals("Accepted", beta.get("requestStatus").asText());
        assertTrue(beta.has("completedDate"));
        assertTrue(beta.get("completedDate").isNull());
        assertFalse(beta.get("isValidationOnly").asBoolean());
        assertTrue(beta.has("expirationDateTime"));
        assertEquals("2026-12-07T21:00:00Z", beta.get("createdDateTime").asText());
        assertEquals("notSpecified", beta.at("/schedule/expiration/type").asText());
        assertFalse(beta.has("state"));
        assertFalse(beta.has("status"));
        assertFalse(beta.has("completedDateTime"));
        assertTrue(beta.has("@odata.context"), "the edge rewrites the context; the mapping keeps annotations");
    }

    @Test
    void aDeliveredV1RequestIsDeliveredFulfilledWithItsAssignmentInBetaShape() throws Exception {
        ObjectNode beta = mapping.entityToBeta(json("""
                {"id":"r1","requestType":"adminRemove","state":"delivered","status":"Delivered",
                 "completedDateTime":"2026-12-07T21:00:05Z",
                 "assignment":{"id":"a1","state":"delivered","status":"Delivered","expiredDateTime":null}}"""));
        assertEquals("AdminRemove", beta.get("requestType").asText());
        assertEquals("Delivered", beta.get("requestState").asText());
        assertEquals("Fulfilled", beta.get("requestStatus").asText());
        assertEquals("2026-12-07T21:00:05Z", beta.get("completedDate").asText());
        assertEquals("a1", beta.at("/accessPackageAssignment/id").asText());
        assertEquals("Delivered", beta.at("/accessPackageAssignment/assignmentState").asText());
        assertFalse(beta.has("assignment"));
    }

    @Test
    void otherStatusesPassAsV1WritesThem() throws Exception {
        for (String status : List.of("Accepted", "PendingApproval", "Delivering", "Denied", "Canceled", "Scheduled")) {
            ObjectNode beta = mapping.entityToBeta(json("{\"status\":\"" + status + "\"}"));
            assertEquals(status, beta.get("requestStatus").asText());
        }
        assertEquals("Delivered", AccessPackageAssignmentRequestsMapping.REQUEST_STATUS.toV1("Fulfilled"));
    }

    @Test
    void filterPropertiesAreV1s() {
        assertEquals("state", mapping.properties().get("requestState"));
        assertEquals("status", mapping.properties().get("requestStatus"));
        assertEquals("completedDateTime", mapping.properties().get("completedDate"));
        assertEquals("assignment", mapping.properties().get("accessPackageAssignment"));
        assertEquals("assignment/id", mapping.properties().get("accessPackageAssignment/id"));
    }
}
