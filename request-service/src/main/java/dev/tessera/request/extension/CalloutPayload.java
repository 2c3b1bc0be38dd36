package dev.tessera.request.extension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.request.AssignmentRequest;

/**
 * The body of a callout, in the shape Entra POSTs to a Logic App trigger: {@code Type} and {@code Source},
 * and in {@code Data} the stage, the instance id the receiver names in {@code resume}, the request, its
 * package, catalog, policy, assignment and answers, and {@code CallbackUriPath} (Graph v1.0
 * accessPackageAssignmentRequestCalloutData; property names in Entra's PascalCase).
 */
final class CalloutPayload {

    private CalloutPayload() {
    }

    static String of(ObjectMapper mapper, CustomExtensionCallout callout, CalloutPlan plan,
            CustomExtensions.Bound bound, AssignmentRequest request, Assignment assignment) {
        ObjectNode root = mapper.createObjectNode();
        root.put("Source", "Tessera.EntitlementManagement");
        root.put("Type", "microsoft.graph.accessPackageCustomExtensionStage." + callout.stage);
        ObjectNode data = root.putObject("Data");
        data.put("@odata.type", "microsoft.graph.accessPackageAssignmentRequestCalloutData");
        data.put("Stage", callout.stage);
        data.put("CustomExtensionStageInstanceId", callout.id.toString());
        data.put("CustomExtensionId", callout.customExtensionId.toString());
        data.put("AccessPackageAssignmentRequestId", request.id.toString());
        data.put("RequestType", request.requestType.name());
        data.put("State", request.state.name());
        data.put("Status", request.status);
        ObjectNode r = data.putObject("AccessPackageAssignmentRequest");
        r.put("Id", request.id.toString());
        r.put("RequestType", request.requestType.name());
        r.put("State", request.state.name());
        r.put("Status", request.status);
        r.put("Justification", request.justification);
        r.put("CreatedDateTime", request.createdAt.toString());
        r.putObject("Requestor").put("ObjectId", str(request.requestorObjectId));
        ObjectNode pkg = data.putObject("AccessPackage");
        pkg.put("Id", request.accessPackageId.toString());
        pkg.put("DisplayName", bound.accessPackageName());
        data.putObject("AccessPackageCatalog").put("Id", str(bound.catalogId()));
        data.putObject("AccessPackageAssignmentPolicy").put("Id", str(request.assignmentPolicyId));
        if (assignment != null) {
            ObjectNode a = data.putObject("Assignment");
            a.put("Id", assignment.id.toString());
            a.put("State", assignment.state.name());
            a.put("Status", assignment.status);
            ObjectNode schedule = a.putObject("Schedule");
            schedule.put("StartDateTime", assignment.startAt == null ? null : assignment.startAt.toString());
            schedule.put("EndDateTime", assignment.endAt == null ? null : assignment.endAt.toString());
            ObjectNode target = a.putObject("Target");
            target.put("ObjectId", str(assignment.targetObjectId));
            target.put("DisplayName", assignment.targetDisplayName);
            target.put("PrincipalName", assignment.targetPrincipalName);
            target.put("Email", assignment.targetEmail);
        } else {
            data.putObject("Assignment").putObject("Target").put("ObjectId", str(request.targetObjectId));
        }
        data.set("Answers", answers(mapper, request.answers));
        data.put("CallbackUriPath", "/identityGovernance/entitlementManagement/assignmentRequests/" + request.id
                + "/resume");
        if (callout.waits) {
            ObjectNode callback = data.putObject("CallbackConfiguration");
            callback.put("@odata.type", "#microsoft.graph.customExtensionCallbackConfiguration");
            callback.put("TimeoutDuration", plan.callbackTimeout());
        }
        return root.toString();
    }

    private static JsonNode answers(ObjectMapper mapper, String json) {
        try {
            return json == null ? mapper.createArrayNode() : mapper.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return mapper.createArrayNode();
        }
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
