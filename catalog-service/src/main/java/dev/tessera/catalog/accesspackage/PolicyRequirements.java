package dev.tessera.catalog.accesspackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.policy.PolicyService;
import dev.tessera.platform.em.PolicyView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code accessPackages/{id}/getApplicablePolicyRequirements}: for each policy of the package under
 * which the caller may request it for themselves, what a request must carry — approval, justification,
 * a custom schedule, the questions — judged with the same rules request-service applies.
 */
@ApplicationScoped
public class PolicyRequirements {

    @Inject
    AccessPackageService packages;

    @Inject
    PolicyService policies;

    @Inject
    SelfAddScope selfAdd;

    @Inject
    ObjectMapper mapper;

    public Uni<List<ObjectNode>> applicable(String packageId, UUID caller, Optional<String> email) {
        return packages.require(packageId).chain(p -> policies.ofPackages(List.of(p.id), true))
                .chain(found -> selfAdd.admitted(
                        found.stream().map(policy -> new PolicyView(mapper.valueToTree(policy))).toList(),
                        Function.identity(), caller, email))
                .map(admitted -> admitted.stream().map(this::requirements).toList());
    }

    private ObjectNode requirements(PolicyView policy) {
        JsonNode json = policy.json();
        ObjectNode out = mapper.createObjectNode();
        out.put("policyId", policy.id().toString());
        out.put("policyDisplayName", policy.displayName());
        out.set("policyDescription", orNull(json.path("description")));
        out.put("isApprovalRequiredForAdd", policy.approvalRequiredForAdd());
        out.put("isApprovalRequiredForUpdate", policy.approvalRequiredForUpdate());
        out.put("isRequestorJustificationRequired", policy.justificationRequired());
        out.put("allowCustomAssignmentSchedule", policy.customScheduleAllowed());
        ObjectNode schedule = out.putObject("schedule");
        schedule.putNull("startDateTime");
        ObjectNode expiration = schedule.putObject("expiration");
        for (String field : List.of("endDateTime", "duration", "type")) {
            expiration.set(field, orNull(json.path("expiration").path(field)));
        }
        schedule.putNull("recurrence");
        out.set("questions", json.path("questions").isArray() ? json.path("questions") : mapper.createArrayNode());
        return out;
    }

    private static JsonNode orNull(JsonNode value) {
        return value.isMissingNode() ? NullNode.getInstance() : value;
    }
}
