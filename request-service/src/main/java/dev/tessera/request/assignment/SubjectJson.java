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

    /** The target of an assignment or request: its subject row when there is one, else the directory user. */
    public static SubjectJson target(UUID objectId, Subject subject) {
        if (subject == null) {
            return objectId == null ? null : user(objectId);
        }
        Map<String, Object> organization = null;
        if (subject.connectedOrganizationId != null) {
            organization = new LinkedHashMap<>();
            organization.put("id", subject.connectedOrganizationId.toString());
            organization.put("displayName", subject.connectedOrganizationName);
        }
        UUID known = subject.objectId != null ? subject.objectId : objectId;
        return new SubjectJson(subject.id.toString(), known == null ? null : known.toString(), subject.displayName,
                subject.email, null, null, subject.subjectType, "notDefined", organization);
    }
}
