package dev.tessera.request.notification;

import dev.tessera.platform.mail.Mails;
import dev.tessera.request.approval.ApprovalApprover;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.AssignmentRequestStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Entitlement management's email notifications (docs/notifications.md), queued inside the transaction of the
 * change that causes them ({@link Mails}): the approvers of a stage that starts waiting for them (and the
 * escalation approvers when it escalates), the requestor when the request is approved, denied, delivered,
 * fails or is canceled, the target when the assignment expires. Recipients are object ids, resolved to
 * addresses when sent ({@link DirectoryRecipients}); an external target not yet invited gets its mail at the
 * email it was requested by.
 */
@ApplicationScoped
public class RequestMails {

    static final String REQUESTS = "/v1.0/identityGovernance/entitlementManagement/assignmentRequests/";
    static final String APPROVALS = "/v1.0/identityGovernance/entitlementManagement/accessPackageAssignmentApprovals/";
    static final String ASSIGNMENTS = "/v1.0/identityGovernance/entitlementManagement/assignments/";

    /** The requestor's messages, by the request state that causes each. */
    public enum Outcome {
        approved, denied, delivered, deliveryFailed, canceled
    }

    private static final UUID SYSTEM = new UUID(0, 0);

    @Inject
    Mails mails;

    @Inject
    AssignmentRequestStore store;

    /**
     * A stage started (or escalated): its approvers (or its escalation approvers) are asked to decide. Once per
     * stage (and escalation) and approver.
     */
    public Uni<Void> approvalRequired(AssignmentRequest request, UUID stageId, int stageIndex, String packageName,
            boolean escalation) {
        if (!mails.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return ApprovalApprover.<ApprovalApprover>list("stageId = ?1 and escalation = ?2", stageId, escalation)
                .chain(approvers -> each(approvers.stream().map(a -> a.approverId).toList(), approver -> mails.queue(
                        stageId + (escalation ? ":escalated" : ""),
                        escalation ? "approvalEscalated" : "approvalRequired", approver.toString(),
                        APPROVALS + request.id, data(request, packageName, "stage", stageIndex + 1))));
    }

    /** The request ended (or was approved): its requestor is told, once per request and outcome. */
    public Uni<Void> requestor(AssignmentRequest request, Outcome outcome, String packageName) {
        if (!mails.enabled()) {
            return Uni.createFrom().voidItem();
        }
        String to = requestorAddress(request);
        if (to == null) {
            return Uni.createFrom().voidItem();
        }
        return mails.queue(request.id.toString(), "request" + capitalized(outcome.name()), to, REQUESTS + request.id,
                data(request, packageName, "reason", request.failure == null ? "" : request.failure)).replaceWithVoid();
    }

    /** As {@link #requestor(AssignmentRequest, Outcome, String)}, the package named as the request stored it. */
    public Uni<Void> requestor(AssignmentRequest request, Outcome outcome) {
        return requestor(request, outcome, packageName(request));
    }

    /** The package's name as the request stored it when it began waiting for approval; null if it has none. */
    public String packageName(AssignmentRequest request) {
        if (request.grantContext == null) {
            return null;
        }
        try {
            return store.grantContext(request).accessPackageName();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** The assignment ends in a day: its target is warned, once per assignment and end. */
    public Uni<Void> expiresSoon(Assignment assignment) {
        if (!mails.enabled() || assignment.targetObjectId == null) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Object> data = new HashMap<>();
        data.put("packageName", name(assignment.accessPackageName, assignment.accessPackageId));
        data.put("assignmentId", assignment.id.toString());
        data.put("endDateTime", assignment.endAt.toString());
        return mails.queue(assignment.id + ":" + assignment.endAt, "assignmentExpiresSoon",
                assignment.targetObjectId.toString(), ASSIGNMENTS + assignment.id, data).replaceWithVoid();
    }

    /** The assignment expired: its target is told, once per assignment. */
    public Uni<Void> expired(Assignment assignment) {
        if (!mails.enabled() || assignment.targetObjectId == null) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Object> data = new HashMap<>();
        data.put("packageName", name(assignment.accessPackageName, assignment.accessPackageId));
        data.put("assignmentId", assignment.id.toString());
        return mails.queue(assignment.id.toString(), "assignmentExpired", assignment.targetObjectId.toString(),
                ASSIGNMENTS + assignment.id, data).replaceWithVoid();
    }

    /** The requestor's object id; for someone who asked by email and is not in the directory yet, that email. */
    static String requestorAddress(AssignmentRequest request) {
        if (request.targetSubject != null && request.targetSubject.objectId == null
                && request.targetSubject.email != null && request.requestorObjectId != null
                && request.requestorObjectId.equals(request.targetSubject.requestorObjectId)) {
            return request.targetSubject.email;
        }
        // requests the system makes (expiry, automatic policies) have nobody to tell
        return request.requestorObjectId == null || request.requestorObjectId.equals(SYSTEM) ? null
                : request.requestorObjectId.toString();
    }

    private static Map<String, Object> data(AssignmentRequest request, String packageName, String key, Object value) {
        Map<String, Object> data = new HashMap<>();
        data.put("packageName", name(packageName, request.accessPackageId));
        data.put("requestId", request.id.toString());
        data.put("requestType", request.requestType.name());
        data.put("requestor", request.requestorDisplayName != null ? request.requestorDisplayName
                : request.requestorObjectId == null ? "" : request.requestorObjectId.toString());
        data.put("justification", request.justification == null ? "" : request.justification);
        data.put(key, value);
        return data;
    }

    private static String name(String packageName, UUID packageId) {
        return packageName != null && !packageName.isBlank() ? packageName : String.valueOf(packageId);
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static <T> Uni<Void> each(List<T> items, java.util.function.Function<T, Uni<Boolean>> action) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : items) {
            chain = chain.chain(() -> action.apply(item)).replaceWithVoid();
        }
        return chain;
    }
}
