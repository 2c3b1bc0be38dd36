package dev.tessera.request.beta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessPackageAssignmentsMappingTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** v1.0 accessPackageAssignmentState as request-service shows it on the wire. */
    static final List<String> V1_STATES = List.of("delivering", "partiallyDelivered", "delivered", "expired",
            "deliveryFailed", "unknownFutureValue");

    final AccessPackageAssignmentsMapping mapping = new AccessPackageAssignmentsMapping();

    static ObjectNode json(String text) throws Exception {
        return (ObjectNode) MAPPER.readTree(text);
    }

    @Test
    void segmentsAndTheNavigationV1MustExpand() {
        assertEquals("accessPackageAssignments", mapping.betaSegment());
        assertEquals("assignments", mapping.v1Segment());
        assertEquals(List.of("accessPackage", "assignmentPolicy", "target"), mapping.v1Expand());
    }

    @Test
    void theTutorialsPolicyFilterAndExpandAreV1Paths() {
        // (AccessPackageAssignmentPolicy/Id eq '…'): the edge matches case-insensitively
        assertEquals("assignmentPolicy/id", mapping.properties().get("accessPackageAssignmentPolicy/id"));
        assertEquals("assignmentPolicy", mapping.properties().get("accessPackageAssignmentPolicy"));
        assertEquals("assignmentPolicy/id", mapping.properties().get("assignmentPolicyId"));
        assertEquals("accessPackage/id", mapping.properties().get("accessPackageId"));
        assertEquals("target/objectId", mapping.properties().get("targetId"));
        assertEquals("state", mapping.properties().get("assignmentState"));
        assertEquals("status", mapping.properties().get("assignmentStatus"));
    }

    @Test
    void anExpandedV1AssignmentIsTheTutorialsBetaAssignment() throws Exception {
        ObjectNode beta = mapping.entityToBeta(json("""
                {"id":"a1","state":"delivered","status":"Delivered","expiredDateTime":null,
                 "schedule":{"startDateTime":"2026-12-07T21:00:00Z","recurrence":null,
                             "expiration":{"endDateTime":"2027-01-06T21:00:00Z","duration":null,"type":"afterDateTime"}},
                 "customExtensionCalloutInstances":[],
                 "target":{"id":"u1","objectId":"u1","subjectType":"user"},
                 "accessPackage":{"id":"p1","displayName":"Marketing Campaign","catalog":{"id":"c1"}},
                 "assignmentPolicy":{"id":"q1"}}"""));
        assertEquals("a1", beta.get("id").asText());
        assertEquals("Delivered", beta.get("assignmentState").asText());
        assertEquals("Delivered", beta.get("assignmentStatus").asText());
        assertEquals("p1", beta.get("accessPackageId").asText());
        assertEquals("q1", beta.get("assignmentPolicyId").asText());
        assertEquals("c1", beta.get("catalogId").asText());
        assertEquals("u1", beta.get("targetId").asText());
        assertFalse(beta.get("isExtended").asBoolean(true));
        assertTrue(beta.get("expiredDateTime").isNull());
        assertEquals("afterDateTime", beta.at("/schedule/expiration/type").asText());
        assertEquals("q1", beta.at("/accessPackageAssignmentPolicy/id").asText());
        assertEquals("u1", beta.at("/target/objectId").asText());
        assertEquals("Marketing Campaign", beta.at("/accessPackage/displayName").asText());
        for (String v1Only : List.of("state", "status", "assignmentPolicy")) {
            assertFalse(beta.has(v1Only), v1Only);
        }
    }

    @Test
    void anUnexpandedOrSelectedV1AssignmentGetsNoInventedKeys() throws Exception {
        ObjectNode beta = mapping.entityToBeta(json("{\"id\":\"a1\"}"));
        assertEquals(json("{\"id\":\"a1\"}"), beta);
    }

    @Test
    void everyV1StateHasItsBetaSpellingAndBack() {
        for (String v1 : V1_STATES) {
            String beta = AccessPackageAssignmentsMapping.STATE.toBeta(v1);
            assertEquals(v1, AccessPackageAssignmentsMapping.STATE.toV1(beta));
            if (!v1.equals("unknownFutureValue")) {
                assertTrue(Character.isUpperCase(beta.charAt(0)), v1 + " → " + beta);
            }
        }
        assertEquals(V1_STATES.size(), AccessPackageAssignmentsMapping.STATE.v1Values().size());
        assertEquals("PartiallyDelivered", AccessPackageAssignmentsMapping.STATE.toBeta("partiallyDelivered"));
    }

    @Test
    void aBetaBodyIsRenamedToV1sNames() throws Exception {
        ObjectNode v1 = mapping.requestToV1(json("""
                {"assignmentState":"Delivered","assignmentStatus":"Delivered","accessPackageId":"p1",
                 "assignmentPolicyId":"q1","targetId":"u1","catalogId":"c1","isExtended":false}"""));
        assertEquals(json("""
                {"state":"delivered","status":"Delivered","accessPackage":{"id":"p1"},"assignmentPolicy":{"id":"q1"},
                 "target":{"objectId":"u1"}}"""), v1);
    }

    @Test
    void v1ToBetaToV1KeepsTheKeys() throws Exception {
        ObjectNode v1 = json("""
                {"id":"a1","state":"expired","status":"Expired","accessPackage":{"id":"p1"},"assignmentPolicy":{"id":"q1"},
                 "target":{"objectId":"u1"}}""");
        ObjectNode back = mapping.requestToV1(mapping.entityToBeta(v1));
        assertEquals("expired", back.get("state").asText());
        assertEquals("p1", back.at("/accessPackage/id").asText());
        assertEquals("q1", back.at("/assignmentPolicy/id").asText());
        assertEquals("u1", back.at("/target/objectId").asText());
    }
}
