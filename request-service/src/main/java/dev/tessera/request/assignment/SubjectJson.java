package dev.tessera.request.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tessera.request.subject.Subject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * accessPackageSubject: who an assignment or request is for. A directory user is its object id; an
 * external user requested by email carries the email, display name and (as the expanded
 * {@code connectedOrganization} navigation) the organization their domain belongs to, with
 * {@code objectId} null until they are in the directory.
 */
public record SubjectJson(String id, String objectId, String displayName, String email, String principalName,
        String onPremisesSecurityIdentifier, String subjectType, String subjectLifecycle,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> connectedOrganization) {

    public static SubjectJson user(UUID objectId) {
        return new SubjectJson(objectId.toString(), objectId.toString(), null, null, null, null, "user", "notDefined", null);
    }

    /** A directory user with the names request-service's directory view holds for them (null when it has none). */
    public static SubjectJson user(UUID objectId, String displayName, String principalName, String email) {
        return new SubjectJson(objectId.toString(), objectId.toString(), displayName, email, principalName, null, "user",
                "notDefined", null);
    }

    /** The target of an assignment: its subject row when there is one, else the directory user; with its names. */
    public static SubjectJson target(Assignment a) {
        Subject subject = a.targetSubject;
        if (subject == null) {
            return a.targetObjectId == null ? null
                    : user(a.targetObjectId, a.targetDisplayName, a.targetPrincipalName, a.targetEmail);
        }
        Map<String, Object> organization = null;
        if (subject.connectedOrganizationId != null) {
            organization = new LinkedHashMap<>();
            organization.put("id", subject.connectedOrganizationId.toString());
            organization.put("displayName", subject.connectedOrganizationName);
        }
        UUID known = subject.objectId != null ? subject.objectId : a.targetObjectId;
        // once the external user is in the directory, the names it reports; until then what the request gave
        return new SubjectJson(subject.id.toString(), known == null ? null : known.toString(),
                a.targetDisplayName != null ? a.targetDisplayName : subject.displayName,
                a.targetEmail != null ? a.targetEmail : subject.email, a.targetPrincipalName, null,
                subject.subjectType, "notDefined", organization);
    }
}
