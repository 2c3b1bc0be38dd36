package dev.tessera.catalog.policy;

import dev.tessera.platform.em.MembershipRule;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Checks subject sets (who may request, approve, review) and fills in their defaults. */
final class SubjectSetRules {

    /** Subject sets Graph accepts as primary approvers (res/accesspackageapprovalstage.md). */
    static final Set<Class<?>> PRIMARY_APPROVER_TYPES = Set.of(SubjectSet.SingleUser.class,
            SubjectSet.GroupMembers.class, SubjectSet.RequestorManager.class, SubjectSet.InternalSponsors.class,
            SubjectSet.ExternalSponsors.class, SubjectSet.TargetUserSponsors.class);

    private SubjectSetRules() {
    }

    static List<SubjectSet> subjectSets(List<SubjectSet> given, String field) {
        if (given == null) {
            return List.of();
        }
        List<SubjectSet> out = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            out.add(subjectSet(given.get(i), field + "[" + i + "]"));
        }
        return List.copyOf(out);
    }

    static SubjectSet subjectSet(SubjectSet set, String field) {
        if (set == null) {
            throw GraphException.invalidField(field, "A subject set cannot be null.");
        }
        if (set instanceof SubjectSet.Unknown unknown) {
            throw GraphException.invalidField(field, unknown.typeMissing()
                    ? "A subject set needs its '@odata.type', e.g. '#microsoft.graph.singleUser'."
                    : "Unknown subject set type '" + unknown.odataType() + "'; known types are "
                            + String.join(", ", SubjectSet.Types.ALL.keySet()) + ".");
        }
        if (set instanceof SubjectSet.SingleUser u) {
            return new SubjectSet.SingleUser(guid(u.userId(), field + ".userId"), u.description());
        }
        if (set instanceof SubjectSet.GroupMembers g) {
            return new SubjectSet.GroupMembers(guid(g.groupId(), field + ".groupId"), g.description());
        }
        if (set instanceof SubjectSet.ConnectedOrganizationMembers c) {
            return new SubjectSet.ConnectedOrganizationMembers(
                    guid(c.connectedOrganizationId(), field + ".connectedOrganizationId"), c.description());
        }
        if (set instanceof SubjectSet.SingleServicePrincipal s) {
            return new SubjectSet.SingleServicePrincipal(guid(s.servicePrincipalId(), field + ".servicePrincipalId"),
                    s.description());
        }
        if (set instanceof SubjectSet.RequestorManager m) {
            return new SubjectSet.RequestorManager(managerLevel(m.managerLevel(), field));
        }
        if (set instanceof SubjectSet.TargetManager m) {
            return new SubjectSet.TargetManager(managerLevel(m.managerLevel(), field));
        }
        if (set instanceof SubjectSet.AttributeRuleMembers a) {
            if (a.membershipRule() == null || a.membershipRule().isBlank()) {
                throw GraphException.invalidField(field + ".membershipRule",
                        "Property '" + field + ".membershipRule' is required.");
            }
            try {
                MembershipRule.parse(a.membershipRule());
            } catch (MembershipRule.InvalidRuleException e) {
                // stored only if Tessera can evaluate it: automatic assignment would otherwise skip the policy
                throw GraphException.invalidField(field + ".membershipRule",
                        "Property '" + field + ".membershipRule' is not a rule Tessera supports: " + e.getMessage());
            }
        }
        return set;
    }

    /**
     * The connected organizations a (normalised) policy names in connectedOrganizationMembers subject
     * sets, wherever they are, each with the field of its first mention, e.g.
     * {@code requestApprovalSettings.stages[0].escalationApprovers[1].connectedOrganizationId}.
     */
    static Map<UUID, String> connectedOrganizations(PolicySettings settings) {
        Map<UUID, String> named = new LinkedHashMap<>();
        collect(named, settings.specificAllowedTargets(), "specificAllowedTargets");
        if (settings.requestorSettings() != null) {
            collect(named, settings.requestorSettings().onBehalfRequestors(), "requestorSettings.onBehalfRequestors");
        }
        if (settings.requestApprovalSettings() != null && settings.requestApprovalSettings().stages() != null) {
            List<ApprovalStage> stages = settings.requestApprovalSettings().stages();
            for (int i = 0; i < stages.size(); i++) {
                String stage = "requestApprovalSettings.stages[" + i + "].";
                collect(named, stages.get(i).primaryApprovers(), stage + "primaryApprovers");
                collect(named, stages.get(i).fallbackPrimaryApprovers(), stage + "fallbackPrimaryApprovers");
                collect(named, stages.get(i).escalationApprovers(), stage + "escalationApprovers");
                collect(named, stages.get(i).fallbackEscalationApprovers(), stage + "fallbackEscalationApprovers");
            }
        }
        if (settings.reviewSettings() != null) {
            collect(named, settings.reviewSettings().primaryReviewers(), "reviewSettings.primaryReviewers");
            collect(named, settings.reviewSettings().fallbackReviewers(), "reviewSettings.fallbackReviewers");
        }
        return named;
    }

    static boolean namesConnectedOrganization(List<SubjectSet> sets) {
        return sets.stream().anyMatch(SubjectSet.ConnectedOrganizationMembers.class::isInstance);
    }

    private static void collect(Map<UUID, String> named, List<SubjectSet> sets, String field) {
        if (sets == null) {
            return;
        }
        for (int i = 0; i < sets.size(); i++) {
            if (sets.get(i) instanceof SubjectSet.ConnectedOrganizationMembers c) {
                named.putIfAbsent(UUID.fromString(c.connectedOrganizationId()),
                        field + "[" + i + "].connectedOrganizationId");
            }
        }
    }

    private static String guid(String value, String field) {
        return Ids.parse(value, field).toString();
    }

    private static int managerLevel(Integer level, String field) {
        if (level != null && level < 1) {
            throw GraphException.invalidField(field + ".managerLevel", "'managerLevel' starts at 1 (direct manager).");
        }
        return level == null ? 1 : level;
    }
}
