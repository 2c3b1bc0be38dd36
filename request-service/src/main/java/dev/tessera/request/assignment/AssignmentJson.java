package dev.tessera.request.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tessera.request.request.ScheduleJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** accessPackageAssignment on the wire; navigation properties only when expanded. */
public record AssignmentJson(
        String id,
        AssignmentState state,
        String status,
        Instant expiredDateTime,
        ScheduleJson schedule,
        List<Object> customExtensionCalloutInstances,
        @JsonInclude(JsonInclude.Include.NON_NULL) SubjectJson target,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> accessPackage,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> assignmentPolicy) {

    public static AssignmentJson of(Assignment a, boolean expandTarget, boolean expandPackage, boolean expandPolicy) {
        Map<String, Object> accessPackage = null;
        if (expandPackage) {
            accessPackage = new java.util.LinkedHashMap<>();
            accessPackage.put("id", a.accessPackageId.toString());
            accessPackage.put("displayName", a.accessPackageName);
            if (a.catalogId != null) {
                // the package's catalog, as $expand=accessPackage($expand=catalog) shows it: beta's catalogId
                accessPackage.put("catalog", Map.of("id", a.catalogId.toString()));
            }
        }
        return new AssignmentJson(a.id.toString(), a.state == null ? null : a.state.onTheWire(), a.status, a.expiredAt,
                ScheduleJson.of(a.startAt, a.endAt, a.duration, a.expirationType), List.of(),
                expandTarget ? SubjectJson.target(a) : null,
                accessPackage,
                expandPolicy ? Map.of("id", a.assignmentPolicyId.toString()) : null);
    }
}
