package dev.tessera.request.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.em.GuestOrganization;
import dev.tessera.platform.em.PolicyEvaluator;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.graph.DatabaseErrors;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.request.approval.ApprovalPlanner;
import dev.tessera.request.approval.ApprovalService;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentStart;
import dev.tessera.request.assignment.AssignmentState;
import dev.tessera.request.catalog.CallerContexts;
import dev.tessera.request.catalog.RequestContext;
import dev.tessera.request.directory.DirectoryService;
import dev.tessera.request.policy.Answers;
import dev.tessera.request.policy.Schedule;
import dev.tessera.request.policy.TargetScope;
import dev.tessera.request.subject.ConnectedOrganization;
import dev.tessera.request.subject.ConnectedOrganizations;
import dev.tessera.request.subject.ExternalTarget;
import dev.tessera.request.subject.ExternalTargets;
import dev.tessera.request.subject.GuestOrganizations;
import dev.tessera.request.subject.ProposedOrganizations;
import dev.tessera.request.subject.Subject;
import dev.tessera.request.subject.SubjectStore;
import dev.tessera.request.subject.UsersByMail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Accepts assignment requests: checks them against the package's policy, then records the request,
 * the assignment and the event that asks provisioning-service to deliver, in one transaction.
 */
@ApplicationScoped
public class AssignmentRequestService {

    /** The package contexts of this HTTP request, shared with the authority check that came first. */
    @Inject
    CallerContexts callerContexts;

    @Inject
    DirectoryService directory;

    @Inject
    InstantSource clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    AssignmentRequestStore store;

    @Inject
    ApprovalPlanner planner;

    @Inject
    ApprovalService approvals;

    @Inject
    dev.tessera.request.notification.RequestMails mails;

    @Inject
    UsersByMail usersByMail;

    @Inject
    SubjectStore subjects;

    @Inject
    ConnectedOrganizations organizations;

    @Inject
    GuestOrganizations guestOrganizations;

    @Inject
    ProposedOrganizations proposals;

    @Inject
    AssignmentStart start;

    /**
     * Who is asking, as the token says; {@code email} is the token's address (see {@link Caller#email()}),
     * null when it names none.
     */
    public record Requestor(UUID objectId, boolean entitlementAdmin, String email) {

        public Requestor(UUID objectId, boolean entitlementAdmin) {
            this(objectId, entitlementAdmin, null);
        }
    }

    public Uni<AssignmentRequest> submit(AssignmentRequestBody body, Requestor requestor) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        if (body.requestType() == null) {
            throw GraphException.invalidField("requestType", "Property 'requestType' is required.");
        }
        if (body.assignment() == null) {
            throw GraphException.invalidField("assignment", "Property 'assignment' is required.");
        }
        return switch (body.requestType()) {
            case userAdd, adminAdd -> add(body, requestor);
            case onBehalfAdd -> onBehalfAdd(body, requestor);
            case userRemove, adminRemove -> remove(body, requestor);
            case userUpdate, adminUpdate -> update(body, requestor);
            default -> throw GraphException.badRequest("Request type '" + body.requestType()
                    + "' is not supported yet.");
        };
    }

    private Uni<AssignmentRequest> add(AssignmentRequestBody body, Requestor requestor) {
        AssignmentRequestBody.AssignmentRef ref = body.assignment();
        boolean admin = body.requestType() == RequestType.adminAdd;
        UUID packageId = Ids.parse(ref.accessPackageId(), "assignment.accessPackageId");
        UUID policyId = Ids.parse(ref.assignmentPolicyId(), "assignment.assignmentPolicyId");
        if (byEmail(ref)) {
            return addByEmail(body, requestor, packageId, policyId);
        }
        UUID target = target(ref, requestor, admin);
        if (admin && !requestor.entitlementAdmin()) {
            throw GraphException.forbidden("Only an administrator or assignment manager may make an adminAdd request.");
        }
        return add(body, requestor, packageId, policyId, target, null, null);
    }

    /** Graph: a targetManager is the direct manager (level 1) up to the fourth level above the target. */
    static final int MAX_MANAGER_LEVEL = 4;

    /**
     * onBehalfAdd: a requestor asks for a directory user, their report (Entra's "request on behalf of
     * other users"). The policy must enable {@code requestorSettings.enableOnBehalfRequestorsToAddAccess}
     * and its {@code onBehalfRequestors} must name the requestor: a {@code targetManager} whose
     * {@code managerLevel} reaches them in the target's manager chain (as the directory has it), a
     * {@code singleUser} or {@code groupMembers}. The target must be someone the policy admits as a
     * requestor (its requestor scope, self-add not needed). Approval, separation of duties, questions
     * and schedule are as for a userAdd by the target; {@code requestorManager} approvers resolve
     * against the target.
     */
    private Uni<AssignmentRequest> onBehalfAdd(AssignmentRequestBody body, Requestor requestor) {
        AssignmentRequestBody.AssignmentRef ref = body.assignment();
        UUID packageId = Ids.parse(ref.accessPackageId(), "assignment.accessPackageId");
        UUID policyId = Ids.parse(ref.assignmentPolicyId(), "assignment.assignmentPolicyId");
        String given = ref.targetId() != null ? ref.targetId()
                : ref.target() != null ? ref.target().objectId() : null;
        if (given == null) {
            throw GraphException.invalidField("assignment.targetId",
                    "Property 'assignment.targetId' is required: an onBehalfAdd request is for another user.");
        }
        UUID target = Ids.parse(given, "assignment.targetId");
        if (target.equals(requestor.objectId())) {
            throw GraphException.invalidField("assignment.targetId", "An onBehalfAdd request is for another user; "
                    + "to request access for yourself use userAdd.");
        }
        Schedule.Requested requested = requested(body.schedule());
        return callerContexts.of(packageId)
                .map(found -> found.orElseThrow(() -> GraphException.invalidField("assignment.accessPackageId",
                        "Access package '" + packageId + "' was not found.")))
                .chain(context -> {
                    PolicyView policy = context.policy(policyId).orElseThrow(() -> GraphException.invalidField(
                            "assignment.assignmentPolicyId", "Policy '" + policyId
                                    + "' is not a policy of access package '" + packageId + "'."));
                    if (!PolicyView.flag(policy.json().path("requestorSettings"), "enableOnBehalfRequestorsToAddAccess")) {
                        throw GraphException.forbidden("Policy '" + policy.displayName() + "' does not allow requests "
                                + "on behalf of other users (requestorSettings.enableOnBehalfRequestorsToAddAccess).");
                    }
                    return directory.user(target).chain(user -> {
                        JsonNode targetUser = user.orElseThrow(() -> GraphException.invalidField("assignment.targetId",
                                "User '" + target + "' was not found in the directory."));
                        return onBehalfRequestor(policy, requestor.objectId(), target).chain(() -> {
                            RequestContext.Incompatible incompatible = context.incompatibleOrNone();
                            Uni<Set<String>> groups = PolicyEvaluator.needsGroupMemberships(policy)
                                    || !incompatible.groups().isEmpty()
                                    ? directory.groupIds(target)
                                    : Uni.createFrom().item(Set.<String>of());
                            return guestOrganizations.of(policy, targetUser).chain(organizations -> groups
                                    .call(groupIds -> checkCompatible(context, target, groupIds)).chain(groupIds -> {
                                String userType = targetUser.path("userType").asText(null);
                                if (!PolicyEvaluator.inRequestorScope(policy, target, userType, groupIds, organizations)) {
                                    throw GraphException.forbidden("User '" + target + "' is not in the scope of policy '"
                                            + policy.displayName() + "' (allowedTargetScope "
                                            + policy.json().path("allowedTargetScope").asText("notSpecified")
                                            + "), so no one may request it on their behalf.");
                                }
                                PolicyEvaluator.checkJustification(policy, body.justification());
                                Answers.check(policy, body.answers(), true);
                                Schedule schedule = Schedule.resolve(policy, requested, false, clock.instant());
                                AssignmentRequest request = newRequest(body, requestor, packageId, policyId, target,
                                        schedule);
                                Uni<List<ApprovalPlanner.StagePlan>> plan = policy.approvalRequiredForAdd()
                                        ? organizationOf(target, null, organizations).chain(organization -> planner.plan(
                                                policy, requestor.objectId(), target, organization))
                                        : Uni.createFrom().item(List.<ApprovalPlanner.StagePlan>of());
                                return plan.chain(stages -> store.recordAdd(request, context, policy, schedule, stages))
                                        .onFailure(DatabaseErrors::isUniqueViolation)
                                        .transform(e -> AssignmentRequestStore.duplicate(request));
                            }));
                        });
                    });
                });
    }

    /**
     * Whether the policy's {@code onBehalfRequestors} name the requestor for this target; a Graph error
     * naming the rule when they do not.
     */
    private Uni<Void> onBehalfRequestor(PolicyView policy, UUID requestor, UUID target) {
        int managerLevel = 0;
        boolean listed = false;
        boolean inGroups = false;
        for (JsonNode set : policy.json().path("requestorSettings").path("onBehalfRequestors")) {
            switch (PolicyView.subjectType(set)) {
                case "targetmanager" -> managerLevel = Math.max(managerLevel,
                        Math.min(MAX_MANAGER_LEVEL, Math.max(1, set.path("managerLevel").asInt(1))));
                case "singleuser" -> listed |= requestor.toString().equalsIgnoreCase(set.path("userId").asText());
                case "groupmembers" -> inGroups = true;
                default -> {
                }
            }
        }
        if (listed) {
            return Uni.createFrom().voidItem();
        }
        Uni<Boolean> member = !inGroups ? Uni.createFrom().item(false)
                : directory.groupIds(requestor).map(groupIds -> {
                    for (JsonNode set : policy.json().path("requestorSettings").path("onBehalfRequestors")) {
                        if (PolicyView.subjectType(set).equals("groupmembers")
                                && groupIds.contains(set.path("groupId").asText().toLowerCase(java.util.Locale.ROOT))) {
                            return true;
                        }
                    }
                    return false;
                });
        int levels = managerLevel;
        return member.chain(inGroup -> inGroup ? Uni.createFrom().item(true) : managesWithin(target, requestor, levels))
                .invoke(allowed -> {
                    if (!allowed) {
                        throw GraphException.forbidden("The requestor may not request access on behalf of user '"
                                + target + "' under policy '" + policy.displayName() + "': "
                                + (levels > 0 ? "the requestor is not the user's manager (targetManager, managerLevel "
                                        + levels + ")" : "the policy's requestorSettings.onBehalfRequestors do not name them")
                                + ".");
                    }
                }).replaceWithVoid();
    }

    /** Whether {@code manager} is the user's manager at one of the first {@code levels} levels of their chain. */
    private Uni<Boolean> managesWithin(UUID user, UUID manager, int levels) {
        if (levels <= 0) {
            return Uni.createFrom().item(false);
        }
        return directory.manager(user).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            if (found.get().equals(manager)) {
                return Uni.createFrom().item(true);
            }
            return managesWithin(found.get(), manager, levels - 1);
        });
    }

    /** A target given only by {@code assignment.target.email}. */
    private static boolean byEmail(AssignmentRequestBody.AssignmentRef ref) {
        return ref.targetId() == null && ref.target() != null && ref.target().objectId() == null
                && ref.target().email() != null;
    }

    /**
     * adminAdd for {@code assignment.target.email}: someone already in the directory with that mail is
     * that user; anyone else is an external user, allowed when the policy admits their domain's
     * connected organization (see {@link ExternalTargets}). A userAdd by email is an external person
     * asking for themselves (see {@link #selfByEmail}).
     */
    private Uni<AssignmentRequest> addByEmail(AssignmentRequestBody body, Requestor requestor, UUID packageId,
            UUID policyId) {
        AssignmentRequestBody.TargetRef given = body.assignment().target();
        String email = ExternalTargets.email(given.email());
        String displayName = displayName(given.displayName(), email);
        if (body.requestType() != RequestType.adminAdd) {
            return selfByEmail(body, requestor, packageId, policyId, email, displayName);
        }
        if (!requestor.entitlementAdmin()) {
            throw GraphException.forbidden("Only an administrator or assignment manager may make an adminAdd request.");
        }
        return usersByMail.find(email).chain(user -> user.isPresent()
                ? subjects.byEmail(email).chain(subject -> add(body, requestor, packageId, policyId, user.get(),
                        subject.orElse(null), null))
                : addExternal(body, requestor, packageId, policyId, email, displayName, false));
    }

    /**
     * userAdd for {@code assignment.target.email}: someone signed in with an account that is not a
     * directory user (a partner's user with their home account) asks for themselves. The email must be
     * the token's address; the policy must admit them as it would admit a guest of their domain's
     * connected organization. A directory user asks as themselves (their mail must be the email). An
     * email that already is a directory guest (invited for an earlier package) asks as that guest; an
     * email that is a member's mail is refused: the address alone never binds an outside account to a
     * member. Either way the subject of the email remembers the requestor's oid, so they see what they
     * asked for, and one requestor oid only: a second account with the same address is refused.
     */
    private Uni<AssignmentRequest> selfByEmail(AssignmentRequestBody body, Requestor requestor, UUID packageId,
            UUID policyId, String email, String displayName) {
        return directory.user(requestor.objectId()).chain(self -> {
            if (self.isPresent()) {
                String mail = self.get().path("mail").asText("").trim();
                if (!mail.equalsIgnoreCase(email)) {
                    throw GraphException.forbidden("A userAdd request may only target the requestor: '" + email
                            + "' is not the mail of the requestor's directory user " + requestor.objectId()
                            + (mail.isEmpty() ? " (who has none)" : " ('" + mail + "')") + ".");
                }
                return add(body, requestor, packageId, policyId, requestor.objectId(), null, null);
            }
            String address = requestor.email();
            if (address == null) {
                throw GraphException.forbidden("The requestor " + requestor.objectId() + " is not in the directory "
                        + "and the token carries no email address (claim 'email', or 'upn' "
                        + "holding one), so a userAdd for '" + email + "' cannot be shown to be for the requestor.");
            }
            if (!address.equalsIgnoreCase(email)) {
                throw GraphException.forbidden("A userAdd request may only target the requestor: '" + email
                        + "' is not the requestor's address '" + address + "' (the token's email).");
            }
            return subjects.byEmail(email).chain(subject -> {
                UUID linked = subject.map(s -> s.requestorObjectId).orElse(null);
                if (linked != null && !linked.equals(requestor.objectId())) {
                    throw GraphException.forbidden("'" + email + "' already asks for access with another account; "
                            + "a userAdd for it is accepted only from that account.");
                }
                return usersByMail.find(email).chain(user -> user.isPresent()
                        ? add(body, requestor, packageId, policyId, user.get(), subject.orElse(null),
                                new ExternalTarget(email, displayName, Optional.empty(), requestor.objectId(), user.get()))
                        : addExternal(body, requestor, packageId, policyId, email, displayName, true));
            });
        });
    }

    /**
     * A request for someone not in the directory: an administrator's ({@code self} false; the policy's
     * scope decides by {@link ExternalTargets#check}), or the external person's own ({@code self}; the
     * requestor-scope rule for a guest of the email domain's organization, self-add enabled).
     */
    private Uni<AssignmentRequest> addExternal(AssignmentRequestBody body, Requestor requestor, UUID packageId,
            UUID policyId, String email, String displayName, boolean self) {
        Schedule.Requested requested = requested(body.schedule());
        return callerContexts.of(packageId)
                .map(found -> found.orElseThrow(() -> GraphException.invalidField("assignment.accessPackageId",
                        "Access package '" + packageId + "' was not found.")))
                .chain(context -> {
                    PolicyView policy = context.policy(policyId).orElseThrow(() -> GraphException.invalidField(
                            "assignment.assignmentPolicyId", "Policy '" + policyId
                                    + "' is not a policy of access package '" + packageId + "'."));
                    if (self && policy.selfAddEnabled() && !ExternalTargets.admitsExternal(policy)) {
                        throw GraphException.forbidden("The requestor is not in the directory, and policy '"
                                + policy.displayName() + "' is for users in the directory (allowedTargetScope "
                                + policy.json().path("allowedTargetScope").asText("notSpecified") + ").");
                    }
                    Uni<Optional<ConnectedOrganization>> organization = ExternalTargets.admitsExternal(policy)
                            ? organizations.byDomain(ExternalTargets.domain(email))
                            : Uni.createFrom().item(Optional.empty());
                    return organization.chain(found -> {
                        if (self) {
                            // judged as a guest of the email domain's organization would be
                            PolicyEvaluator.checkSelfAdd(policy, requestor.objectId(), "Guest", Set.of(),
                                    found.map(o -> Set.of(new GuestOrganization(o.id(), o.configured()))).orElse(Set.of()),
                                    body.justification());
                        } else {
                            ExternalTargets.check(policy, email, found);
                            PolicyEvaluator.checkJustification(policy, body.justification());
                        }
                        Answers.check(policy, context.attributeQuestions(), body.answers(), true);
                        Schedule schedule = Schedule.resolve(policy, requested, !self, clock.instant());
                        // admitted: someone from a domain no organization has proposes one (allExternalUsers);
                        // the subject keeps the organization it was admitted through (none), as before
                        Uni<Void> proposed = self ? proposals.forDomain(policy, ExternalTargets.domain(email), found)
                                : Uni.createFrom().voidItem();
                        return proposed.chain(() -> {
                            AssignmentRequest request = newRequest(body, requestor, packageId, policyId, null, schedule);
                            ExternalTarget external = new ExternalTarget(email, displayName, found,
                                    self ? requestor.objectId() : null, null);
                            Uni<List<ApprovalPlanner.StagePlan>> plan = policy.approvalRequiredForAdd()
                                    ? planner.plan(policy, requestor.objectId(), null,
                                            found.map(ConnectedOrganization::id).orElse(null))
                                    : Uni.createFrom().item(List.of());
                            return plan.chain(stages -> store.recordAdd(request, external, context, policy, schedule,
                                            stages))
                                    .onFailure(DatabaseErrors::isUniqueViolation)
                                    .transform(e -> AssignmentRequestStore.duplicate(request));
                        });
                    });
                });
    }

    /** Graph shows an invited user's email as their name until they give one. */
    private static String displayName(String given, String email) {
        if (given == null || given.isBlank()) {
            return email;
        }
        if (given.length() > 256) {
            throw GraphException.invalidField("assignment.target.displayName", "A display name has at most 256 characters.");
        }
        return given.trim();
    }

    /**
     * An add for a directory user. {@code link}: for an external requestor asking as the guest their
     * email already is, the subject to record (with their oid) in the request's transaction; else null.
     */
    private static final String GUEST = "Guest";

    private Uni<AssignmentRequest> add(AssignmentRequestBody body, Requestor requestor, UUID packageId, UUID policyId,
            UUID target, Subject subject, ExternalTarget link) {
        boolean admin = body.requestType() == RequestType.adminAdd;
        Schedule.Requested requested = requested(body.schedule());
        return callerContexts.of(packageId)
                .map(found -> found.orElseThrow(() -> GraphException.invalidField("assignment.accessPackageId",
                        "Access package '" + packageId + "' was not found.")))
                .chain(context -> directory.user(target).chain(user -> {
                    JsonNode targetUser = user.orElseThrow(() -> GraphException.invalidField("assignment.targetId",
                            "User '" + target + "' was not found in the directory."));
                    if (link != null && !GUEST.equalsIgnoreCase(targetUser.path("userType").asText(""))) {
                        // an address alone never makes an outside account a member's requestor
                        throw GraphException.forbidden("'" + link.email() + "' is the address of a member of the "
                                + "organization; a member asks with their own account, not as " + requestor.objectId() + ".");
                    }
                    PolicyView policy = context.policy(policyId).orElseThrow(() -> GraphException.invalidField(
                            "assignment.assignmentPolicyId", "Policy '" + policyId
                                    + "' is not a policy of access package '" + packageId + "'."));
                    RequestContext.Incompatible incompatible = context.incompatibleOrNone();
                    // an adminAdd, too, admits only a target the policy's scope admits (see TargetScope)
                    Uni<Set<String>> groups = PolicyEvaluator.needsGroupMemberships(policy)
                            || !incompatible.groups().isEmpty()
                            ? directory.groupIds(target)
                            : Uni.createFrom().item(Set.<String>of());
                    Uni<Set<GuestOrganization>> guestOrganizations = this.guestOrganizations.of(policy, targetUser);
                    return guestOrganizations.chain(organizations -> groups
                            .call(groupIds -> checkCompatible(context, target, groupIds)).chain(groupIds -> {
                        if (admin) {
                            TargetScope.check(policy, target, targetUser.path("userType").asText(null), groupIds,
                                    organizations);
                            PolicyEvaluator.checkJustification(policy, body.justification());
                        } else {
                            PolicyEvaluator.checkSelfAdd(policy, target, targetUser.path("userType").asText(null),
                                    groupIds, organizations, body.justification());
                        }
                        // an administrator answers the required questions on the user's behalf (one user at a time)
                        Answers.check(policy, context.attributeQuestions(), body.answers(), true);
                        Schedule schedule = Schedule.resolve(policy, requested, admin, clock.instant());
                        // admitted: a guest from a domain no organization has proposes one (allExternalUsers)
                        Uni<Void> proposed = admin ? Uni.createFrom().voidItem() : proposals.forGuest(policy, targetUser);
                        return proposed.chain(() -> {
                            AssignmentRequest request = newRequest(body, requestor, packageId, policyId, target, schedule);
                            request.targetSubject = subject;
                            Uni<List<ApprovalPlanner.StagePlan>> plan = policy.approvalRequiredForAdd()
                                    ? organizationOf(target, subject, organizations).chain(organization -> planner.plan(
                                            policy, requestor.objectId(), target, organization))
                                    : Uni.createFrom().item(List.<ApprovalPlanner.StagePlan>of());
                            return plan.chain(stages -> link == null
                                    ? store.recordAdd(request, context, policy, schedule, stages)
                                    : store.recordAdd(request, link, context, policy, schedule, stages))
                                    .onFailure(DatabaseErrors::isUniqueViolation)
                                    .transform(e -> AssignmentRequestStore.duplicate(request));
                        });
                    }));
                }));
    }

    /**
     * The connected organization the target came from (their subject's, else the one their guest domain
     * was found in for the policy's scope), for sponsor approvers; null if none.
     */
    private Uni<UUID> organizationOf(UUID target, Subject subject, Set<GuestOrganization> guestOrganizations) {
        if (subject != null && subject.connectedOrganizationId != null) {
            return Uni.createFrom().item(subject.connectedOrganizationId);
        }
        if (!guestOrganizations.isEmpty()) {
            return Uni.createFrom().item(guestOrganizations.iterator().next().id());
        }
        return subjects.organizationOf(target).map(found -> found.orElse(null));
    }

    /**
     * Separation of duties: the target may not hold a package this one is incompatible with (either
     * direction) nor be a member of an incompatible group. The refusal names the conflict.
     */
    private Uni<Void> checkCompatible(RequestContext context, UUID target, Set<String> groupIds) {
        RequestContext.Incompatible incompatible = context.incompatibleOrNone();
        String name = context.accessPackage().displayName();
        for (RequestContext.Named group : incompatible.groups()) {
            if (groupIds.contains(group.id().toLowerCase(java.util.Locale.ROOT))) {
                throw GraphException.badRequest("IncompatibleGroupMembership", "User '" + target + "' is a member of group '"
                        + (group.displayName() != null ? group.displayName() : group.id()) + "' (" + group.id()
                        + "), which is incompatible with access package '" + name + "'.");
            }
        }
        List<UUID> packageIds = incompatible.accessPackages().stream().map(p -> UUID.fromString(p.id())).toList();
        return store.liveAssignmentIn(target, packageIds).invoke(conflict -> conflict.ifPresent(a -> {
            String other = incompatible.accessPackages().stream().filter(p -> p.id().equalsIgnoreCase(a.accessPackageId.toString()))
                    .map(RequestContext.Named::displayName).findFirst().orElse(a.accessPackageId.toString());
            throw GraphException.badRequest("IncompatibleAccessPackage", "User '" + target + "' already has access package '"
                    + other + "' (assignment " + a.id + "), which is incompatible with access package '" + name + "'.");
        })).replaceWithVoid();
    }

    /**
     * userUpdate / adminUpdate: a new end for a live assignment (within the policy, as for a new
     * request) and new answers. A requestor may update their own assignment when the policy lets them.
     * Completed at once (nothing is delivered anew), except a userUpdate under a policy with
     * {@code isApprovalRequiredForUpdate}: it waits in {@code pendingApproval} for the policy's stages,
     * and the end moves only when the last one approves (see ApprovalService).
     */
    private Uni<AssignmentRequest> update(AssignmentRequestBody body, Requestor requestor) {
        UUID assignmentId = Ids.parse(body.assignment().id(), "assignment.id");
        boolean admin = body.requestType() == RequestType.adminUpdate;
        if (admin && !requestor.entitlementAdmin()) {
            throw GraphException.forbidden("Only an administrator or assignment manager may update assignments.");
        }
        return store.findAssignment(assignmentId).chain(found -> {
            Assignment assignment = found.orElseThrow(() -> GraphException.invalidField("assignment.id",
                    "Assignment '" + assignmentId + "' was not found."));
            // their own: by object id, or as the external requestor of its subject (home-account token)
            if (!admin && !assignment.isFor(requestor.objectId())) {
                throw GraphException.forbidden("A userUpdate request may only update the requestor's own assignment.");
            }
            if (!assignment.isLive()) {
                throw GraphException.badRequest("Assignment '" + assignmentId + "' has already ended.");
            }
            return callerContexts.of(assignment.accessPackageId).chain(context -> {
                PolicyView policy = context.flatMap(c -> c.policy(assignment.assignmentPolicyId))
                        .orElseThrow(() -> GraphException.badRequest("The policy of assignment '" + assignmentId
                                + "' no longer exists; ask for the access package again."));
                if (!admin && !policy.selfUpdateEnabled()) {
                    throw GraphException.forbidden("Policy '" + policy.displayName()
                            + "' does not let requestors update their own access.");
                }
                boolean needsApproval = !admin && policy.approvalRequiredForUpdate();
                if (!admin) {
                    PolicyEvaluator.checkJustification(policy, body.justification());
                }
                Answers.check(policy, body.answers(), !admin);
                Instant now = clock.instant();
                // a new end counts from the start of an assignment that has not started yet
                Instant from = assignment.state == AssignmentState.scheduled && assignment.startAt.isAfter(now)
                        ? assignment.startAt : now;
                Schedule schedule = body.schedule() == null ? null : Schedule.resolve(policy, requested(body.schedule()),
                        admin, from);
                AssignmentRequest request = AssignmentRequest.about(assignment, body.requestType(),
                        requestor.objectId(), body.justification(), now);
                request.state = RequestState.delivered;
                request.status = "Delivered";
                request.answers = json(body.answers());
                if (schedule != null) {
                    request.scheduled(schedule).scheduleStart = assignment.startAt;
                }
                if (needsApproval) {
                    request.state = RequestState.pendingApproval;
                    request.status = "PendingApproval";
                    return planner.plan(policy, requestor.objectId(), assignment.targetObjectId,
                            assignment.targetSubject == null ? null : assignment.targetSubject.connectedOrganizationId)
                            .chain(stages -> store.recordPendingUpdate(request, stages));
                }
                request.completedAt = now;
                return store.recordUpdate(request, schedule);
            });
        });
    }

    private Uni<AssignmentRequest> remove(AssignmentRequestBody body, Requestor requestor) {
        UUID assignmentId = Ids.parse(body.assignment().id(), "assignment.id");
        return store.findAssignment(assignmentId).chain(found -> {
            Assignment assignment = found.orElseThrow(() -> GraphException.invalidField("assignment.id",
                    "Assignment '" + assignmentId + "' was not found."));
            boolean admin = body.requestType() == RequestType.adminRemove;
            if (admin && !requestor.entitlementAdmin()) {
                throw GraphException.forbidden("Only an administrator or assignment manager may remove assignments.");
            }
            // their own: by object id, or as the external requestor of its subject (home-account token)
            if (!admin && !assignment.isFor(requestor.objectId())) {
                throw GraphException.forbidden("A userRemove request may only remove the requestor's own assignment.");
            }
            if (!assignment.isLive()) {
                throw GraphException.badRequest("Assignment '" + assignmentId + "' has already ended.");
            }
            Uni<Void> allowed = admin ? Uni.createFrom().voidItem() : checkSelfRemove(assignment, requestor);
            return allowed.chain(() -> {
                AssignmentRequest request = AssignmentRequest.about(assignment, body.requestType(),
                        requestor.objectId(), body.justification(), clock.instant());
                request.answers = json(body.answers());
                return store.recordRemove(request, assignment.id)
                        .onFailure(DatabaseErrors::isUniqueViolation)
                        .transform(e -> GraphException.conflict("A removal of assignment '" + assignment.id
                                + "' is already in progress."));
            });
        });
    }

    private Uni<Void> checkSelfRemove(Assignment assignment, Requestor requestor) {
        return callerContexts.of(assignment.accessPackageId).invoke(found -> {
            boolean allowed = found.flatMap(c -> c.policy(assignment.assignmentPolicyId))
                    .map(PolicyView::selfRemoveEnabled).orElse(false);
            if (!allowed) {
                throw GraphException.forbidden("The assignment's policy does not let requestors remove their own access.");
            }
        }).replaceWithVoid();
    }

    private AssignmentRequest newRequest(AssignmentRequestBody body, Requestor requestor, UUID packageId,
            UUID policyId, UUID target, Schedule schedule) {
        AssignmentRequest request = AssignmentRequest.submitted(body.requestType(), packageId, policyId, target,
                requestor.objectId(), body.justification(), clock.instant()).scheduled(schedule);
        request.answers = json(body.answers());
        return request;
    }

    private static UUID target(AssignmentRequestBody.AssignmentRef ref, Requestor requestor, boolean admin) {
        String given = ref.targetId() != null ? ref.targetId()
                : ref.target() != null ? ref.target().objectId() : null;
        if (given == null) {
            if (admin) {
                throw GraphException.invalidField("assignment.targetId", "Property 'assignment.targetId' is required.");
            }
            return requestor.objectId();
        }
        UUID target = Ids.parse(given, "assignment.targetId");
        if (!admin && !target.equals(requestor.objectId())) {
            throw GraphException.forbidden("A userAdd request may only target the requestor.");
        }
        return target;
    }

    private static Schedule.Requested requested(AssignmentRequestBody.ScheduleBody body) {
        if (body == null) {
            return null;
        }
        AssignmentRequestBody.ExpirationBody expiration = body.expiration();
        return new Schedule.Requested(body.startDateTime(), expiration == null ? null : expiration.type(),
                expiration == null ? null : expiration.endDateTime(),
                expiration == null ? null : expiration.duration());
    }

    /** Reprocess is possible this long after a request completed (Graph: 14 days). */
    static final Duration REPROCESS_WINDOW = Duration.ofDays(14);

    /**
     * Delivers a request's assignment again: only an add whose delivery failed or was partial, within
     * {@link #REPROCESS_WINDOW} of its completion, whose assignment still holds. The request and the
     * assignment go back to {@code delivering} and provisioning-service gets the grant again, with the
     * package's resource roles as the catalog has them now (read with the service token); it keeps what
     * it delivered and retries what failed, and its report completes the request again.
     */
    @WithTransaction
    public Uni<Void> reprocess(UUID requestId, UUID caller, boolean admin) {
        return AssignmentRequest.<AssignmentRequest>findById(requestId).chain(request -> {
            if (request == null || !(admin || request.isFor(caller))) {
                throw GraphException.notFound("Assignment request '" + requestId + "' was not found.");
            }
            if (request.state != RequestState.deliveryFailed && request.state != RequestState.partiallyDelivered) {
                throw GraphException.badRequest("Only a request whose delivery failed or was partial can be reprocessed; "
                        + "this one is " + request.state + ".");
            }
            Instant now = clock.instant();
            if (request.completedAt != null && request.completedAt.isBefore(now.minus(REPROCESS_WINDOW))) {
                throw GraphException.badRequest("A request can be reprocessed for " + REPROCESS_WINDOW.toDays()
                        + " days after it completed; this one completed " + request.completedAt + ".");
            }
            return callerContexts.of(request.accessPackageId).chain(context -> store.redeliver(
                    request, now, context.orElseThrow(() -> GraphException.badRequest("Access package '"
                            + request.accessPackageId + "' no longer exists; its assignment cannot be delivered again."))
                            .resourceRoles()));
        });
    }

    /** Reprocesses the request that created the assignment. */
    @WithTransaction
    public Uni<Void> reprocessAssignment(UUID assignmentId, UUID caller, boolean admin) {
        return AssignmentRequest.<AssignmentRequest>find("assignmentId = ?1 and requestType in ?2 order by createdAt desc",
                        assignmentId, AssignmentRequestStore.ADDS)
                .firstResult().chain(request -> {
                    if (request == null) {
                        throw GraphException.notFound("Assignment '" + assignmentId + "' was not found.");
                    }
                    return reprocess(request.id, caller, admin);
                });
    }

    /**
     * Only a request still waiting can be canceled — for approval, or for its schedule to start — by its
     * requestor, target or an admin. A scheduled one takes its not yet started assignment with it. A request
     * no longer waiting (decided, started, canceled already) answers 409: the cancel lost to whatever
     * decided it. Rows are locked in the order every writer of a request uses (see {@link ApprovalService}
     * and CatalogDeletions): its approval stages, then its assignment, then the request, so exactly one of
     * a cancel and an approval deciding at the same moment takes effect.
     */
    @WithTransaction
    public Uni<Void> cancel(UUID requestId, UUID caller, boolean admin) {
        return approvals.lockStages(requestId)
                .chain(() -> Panache.getSession().chain(session -> session.createQuery(
                        "select r.assignmentId from AssignmentRequest r where r.id = ?1", UUID.class)
                        .setParameter(1, requestId).getSingleResultOrNull()))
                .chain(assignmentId -> assignmentId == null ? Uni.createFrom().<Assignment>nullItem()
                        : Assignment.<Assignment>find("id", assignmentId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult())
                .chain(assignment -> AssignmentRequest.<AssignmentRequest>find("id", requestId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                        .chain(request -> {
                            if (request == null || !(admin || request.isFor(caller))) {
                                throw GraphException.notFound("Assignment request '" + requestId + "' was not found.");
                            }
                            if (request.state == RequestState.scheduled) {
                                return cancelScheduled(assignment);
                            }
                            if (request.state != RequestState.pendingApproval) {
                                throw notCancelable("this one is " + request.state + ".");
                            }
                            request.state = RequestState.canceled;
                            request.status = "Canceled";
                            request.completedAt = clock.instant();
                            return approvals.cancel(request).chain(() -> mails.requestor(request,
                                    dev.tessera.request.notification.RequestMails.Outcome.canceled));
                        }));
    }

    /** A cancel of a request that no longer waits: 409, whether it was decided, started or canceled already. */
    static GraphException notCancelable(String why) {
        return GraphException.conflict("RequestNotCancelable",
                "Only a request waiting for approval or for its start can be canceled; " + why);
    }

    /** Cancels a request whose assignment waits for its start: nothing was delivered, nothing is. */
    private Uni<Void> cancelScheduled(Assignment assignment) {
        if (assignment == null || assignment.state != AssignmentState.scheduled) {
            // started meanwhile: the start timer fired first, under the same lock
            throw notCancelable("the request's assignment has started; remove the assignment instead.");
        }
        return start.endBeforeStart(assignment, clock.instant());
    }

    String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw GraphException.badRequest("Unreadable value: " + e.getOriginalMessage());
        }
    }
}
