package dev.tessera.request.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.request.directory.DirectoryService;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.request.subject.ConnectedOrganizations;
import dev.tessera.request.subject.Sponsors;
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
 * submitted: single users, members of groups, the target's manager ({@code requestorManager}: for a
 * request on someone's behalf Entra asks the target's manager, not the admin's), the internal or
 * external sponsors of the target's connected organization. When a stage's primary approvers resolve
 * to nobody (no manager, an empty group, a target from no connected organization, and always
 * {@code targetUserSponsors}: the directory keeps no user sponsors), its fallback approvers are used.
 * The requestor and the target are never approvers of their own request.
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

    @Inject
    ConnectedOrganizations organizations;

    /**
     * {@code target}: the user the request is for (null for someone not yet in the directory);
     * {@code organization}: the connected organization the target came from, if any.
     */
    public Uni<List<StagePlan>> plan(PolicyView policy, UUID requestor, UUID target, UUID organization) {
        List<JsonNode> stages = policy.approvalStages();
        if (stages.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Uni<Optional<Sponsors>> sponsors = organization == null || !usesSponsors(stages)
                ? Uni.createFrom().item(Optional.empty())
                : organizations.sponsors(organization);
        return sponsors.chain(found -> {
            Subjects subjects = new Subjects(requestor, target, found);
            List<Uni<StagePlan>> plans = new ArrayList<>();
            for (int i = 0; i < stages.size(); i++) {
                plans.add(stage(i, stages.get(i), subjects));
            }
            return Uni.join().all(plans).andFailFast().invoke(ApprovalPlanner::checkQuorums);
        });
    }

    /**
     * A quorum ({@code @tessera.requiredApprovals}) more than the people who may ever decide the stage could
     * only time out, so the request is refused at submission (400, nothing written) rather than capped: a
     * quorum is a many-eyes control, and quietly needing fewer approvals would weaken it. The approvers are
     * fixed when the stage is planned (requestor and target excluded); escalation approvers count, since
     * they may decide too. A stage nobody can approve still denies the request at once.
     */
    static void checkQuorums(List<StagePlan> plans) {
        for (StagePlan plan : plans) {
            Set<UUID> deciders = new LinkedHashSet<>(plan.approvers());
            deciders.addAll(plan.escalationApprovers());
            if (!plan.approvers().isEmpty() && plan.requiredApprovals() > deciders.size()) {
                throw GraphException.badRequest("InsufficientApprovers", "Stage " + (plan.index() + 1)
                        + " of the policy requires " + plan.requiredApprovals() + " approvals (@tessera.requiredApprovals)"
                        + " but only " + deciders.size() + " approver(s) other than the requestor and the target can "
                        + "decide it; the policy's approvers must be changed before this request can be made.");
            }
        }
    }

    /** Whom a request's approver subject sets are resolved against. */
    private record Subjects(UUID requestor, UUID target, Optional<Sponsors> sponsors) {
    }

    private static boolean usesSponsors(List<JsonNode> stages) {
        return stages.toString().toLowerCase(java.util.Locale.ROOT).contains("sponsors\"");
    }

    private Uni<StagePlan> stage(int index, JsonNode stage, Subjects subjects) {
        Set<UUID> excluded = new java.util.HashSet<>(java.util.Arrays.asList(subjects.requestor(), subjects.target()));
        Uni<Set<UUID>> primary = people(stage.path("primaryApprovers"), subjects, excluded)
                .chain(found -> found.isEmpty()
                        ? people(stage.path("fallbackPrimaryApprovers"), subjects, excluded)
                        : Uni.createFrom().item(found));
        boolean escalation = PolicyView.flag(stage, "isEscalationEnabled");
        Uni<Set<UUID>> escalationApprovers = !escalation ? Uni.createFrom().item(Set.<UUID>of())
                : people(stage.path("escalationApprovers"), subjects, excluded)
                        .chain(found -> found.isEmpty()
                                ? people(stage.path("fallbackEscalationApprovers"), subjects, excluded)
                                : Uni.createFrom().item(found));
        int required = Math.max(1, stage.path("@tessera.requiredApprovals").asInt(1));
        String denyAfter = text(stage, "durationBeforeAutomaticDenial", "P14D");
        String escalateAfter = escalation ? text(stage, "durationBeforeEscalation", null) : null;
        return Uni.combine().all().unis(primary, escalationApprovers).asTuple()
                .map(both -> new StagePlan(index, both.getItem1(), both.getItem2(), required,
                        PolicyView.flag(stage, "isApproverJustificationRequired"), denyAfter, escalateAfter));
    }

    private Uni<Set<UUID>> people(JsonNode subjectSets, Subjects subjects, Set<UUID> excluded) {
        List<Uni<Set<UUID>>> found = new ArrayList<>();
        for (JsonNode set : subjectSets) {
            found.add(resolve(set, subjects));
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

    private Uni<Set<UUID>> resolve(JsonNode set, Subjects subjects) {
        String type = PolicyView.subjectType(set);
        return switch (type) {
            case "singleuser" -> Uni.createFrom().item(id(set.path("userId").asText(null)).map(Set::of).orElse(Set.of()));
            case "groupmembers" -> id(set.path("groupId").asText(null))
                    .map(group -> directory.groupMembers(group))
                    .orElse(Uni.createFrom().item(Set.of()));
            // the manager of the person who gets access: for a userAdd that is the requestor
            case "requestormanager" -> subjects.target() == null ? Uni.createFrom().item(Set.of())
                    : directory.manager(subjects.target()).map(manager -> manager.map(Set::of).orElse(Set.of()));
            case "internalsponsors" -> Uni.createFrom().item(subjects.sponsors()
                    .map(s -> Set.copyOf(s.internalOrNone())).orElse(Set.of()));
            case "externalsponsors" -> Uni.createFrom().item(subjects.sponsors()
                    .map(s -> Set.copyOf(s.externalOrNone())).orElse(Set.of()));
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
