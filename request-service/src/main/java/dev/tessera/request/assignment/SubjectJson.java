package dev.tessera.request.assignment;

import java.util.UUID;

/** accessPackageSubject: who an assignment or request is for (directory users only, for now). */
public record SubjectJson(String id, String objectId, String displayName, String email, String principalName,
        String onPremisesSecurityIdentifier, String subjectType, String subjectLifecycle) {

    public static SubjectJson user(UUID objectId) {
        return new SubjectJson(objectId.toString(), objectId.toString(), null, null, null, null, "user", "notDefined");
    }
}
