package dev.tessera.request.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.request.directory.DirectoryService;
import dev.tessera.platform.em.PolicyView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns a policy's approval stages into the people who may decide each one, when the request is
 * submitted: single users, members of groups, the requestor's manager. When a stage's primary
 * approvers resolve to nobody (no manager, an empty group, sponsors Tessera does not track yet),
 * its fallback approvers are used. The requestor and the target are never approvers of their own
 * request.
 */
@ApplicationScoped
public class ApprovalPlanner {

    private static final Logger LOG = Logger.getLogger(ApprovalPlanner.class);

    /** One stage as planned. {@code approvers} empty means nobody can approve it. */
    public record StagePlan(int index, Set<UUID> approvers, Set<UUID> escalationApprovers, int requiredApprovals,
            boolean justificationRequired, String denyAfter, String escalateAfter) {
    }

    @Inject
    DirectoryService directory;

    public Uni<List<StagePlan>> plan(PolicyView policy, UUID requestor, UUID target, String token) {
        List<JsonNode> stages = policy.approvalStages();
        List<Uni<StagePlan>> plans = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            plans.add(stage(i, stages.get(i), requestor, target, token));
        }
        if (plans.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(plans).andFailFast();
    }

    private Uni<StagePlan> stage(int index, JsonNode stage, UUID requestor, UUID target, String token) {
        Set<UUID> excluded = new java.util.HashSet<>(java.util.Arrays.asList(requestor, target));
        Uni<Set<UUID>> primary = people(stage.path("primaryApprovers"), requestor, token, excluded)
                .chain(found -> found.isEmpty()
                        ? people(stage.path("fallbackPrimaryApprovers"), requestor, token, excluded)
                        : Uni.createFrom().item(found));
        boolean escalation = PolicyView.flag(stage, "isEscalationEnabled");
        Uni<Set<UUID>> escalationApprovers = !escalation ? Uni.createFrom().item(Set.<UUID>of())
                : people(stage.path("escalationApprovers"), requestor, token, excluded)
                        .chain(found -> found.isEmpty()
                                ? people(stage.path("fallbackEscalationApprovers"), requestor, token, excluded)
                                : Uni.createFrom().item(found));
        int required = Math.max(1, stage.path("@tessera.requiredApprovals").asInt(1));
        String denyAfter = text(stage, "durationBeforeAutomaticDenial", "P14D");
        String escalateAfter = escalation ? text(stage, "durationBeforeEscalation", null) : null;
        return Uni.combine().all().unis(primary, escalationApprovers).asTuple()
                .map(both -> new StagePlan(index, both.getItem1(), both.getItem2(), required,
                        PolicyView.flag(stage, "isApproverJustificationRequired"), denyAfter, escalateAfter));
    }

    private Uni<Set<UUID>> people(JsonNode subjectSets, UUID requestor, String token, Set<UUID> excluded) {
        List<Uni<Set<UUID>>> found = new ArrayList<>();
        for (JsonNode set : subjectSets) {
            found.add(resolve(set, requestor, token));
        }
        if (found.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Uni.join().all(found).andFailFast().map(sets -> {
            Set<UUID> people = new LinkedHashSet<>();
            sets.forEach(people::addAll);
            people.removeAll(excluded);
            return people;
        });
    }

    private Uni<Set<UUID>> resolve(JsonNode set, UUID requestor, String token) {
        String type = PolicyView.subjectType(set);
        return switch (type) {
            case "singleuser" -> Uni.createFrom().item(id(set.path("userId").asText(null)).map(Set::of).orElse(Set.of()));
            case "groupmembers" -> id(set.path("groupId").asText(null))
                    .map(group -> directory.groupMembers(group, token))
                    .orElse(Uni.createFrom().item(Set.of()));
            case "requestormanager" -> directory.manager(requestor, token)
                    .map(manager -> manager.map(Set::of).orElse(Set.of()));
            default -> {
                LOG.debugf("Approver subject set %s does not resolve to anyone yet; fallbacks apply", type);
                yield Uni.createFrom().item(Set.of());
            }
        };
    }

    private static Optional<UUID> id(String text) {
        try {
            return Optional.ofNullable(text).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode stage, String field, String fallback) {
        String value = stage.path(field).asText("");
        return value.isBlank() ? fallback : value;
    }
}
