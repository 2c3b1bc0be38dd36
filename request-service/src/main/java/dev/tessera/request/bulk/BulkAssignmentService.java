package dev.tessera.request.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.em.PolicyEvaluator;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.request.catalog.CatalogService;
import dev.tessera.request.catalog.RequestContext;
import dev.tessera.request.policy.Schedule;
import dev.tessera.request.policy.TargetScope;
import dev.tessera.request.request.AssignmentRequestStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Starts bulk jobs: validates the call as a single adminAdd would be validated (package, policy,
 * justification, the policy's schedule; a policy with questions assigns one user at a time, so it is
 * refused), reads the group's members and who of them is in an
 * incompatible group — everything that asks other services — and stores the job with one row per
 * member, then lets {@link BulkAssignmentChunks} work through them from a durable timer.
 */
@ApplicationScoped
public class BulkAssignmentService {

    @Inject
    CatalogService catalog;

    @Inject
    GroupMembers groups;

    @Inject
    DurableTimers timers;

    @Inject
    BulkScope scope;

    @Inject
    BulkGrants bulk;

    @Inject
    InstantSource clock;

    @Inject
    ObjectMapper mapper;

    /** Who starts the job; {@code mayAssign}: an administrator (a manager of the package's catalog is told by its context). */
    public record Starter(UUID objectId, boolean mayAssign) {
    }

    /** What a chunk needs besides the policy: the grant, and the packages this one is incompatible with. */
    public record JobContext(AssignmentRequestStore.GrantContext grant, List<RequestContext.Named> incompatiblePackages) {
    }

    /**
     * The one place that says who may assign in bulk, as for adminAdd: administrators (the token),
     * and managers of the package's catalog (the context catalog-service answered for the caller).
     */
    static void requireMayAssign(Starter starter, RequestContext context) {
        if (!starter.mayAssign() && !context.callerManagesAssignments()) {
            throw GraphException.forbidden("Only an administrator or assignment manager may assign group members "
                    + "to access package '" + context.accessPackage().displayName() + "'.");
        }
    }

    /**
     * Authorized before the rest of the body is read: the package named decides who may assign, so
     * without one (or with a malformed one) only an administrator gets the 400; a caller who may not
     * assign to the package gets 403 whatever else the body holds.
     */
    public Uni<BulkAssignmentJob> start(AssignGroupMembersBody body, Starter starter) {
        String named = body == null ? null : body.accessPackageId();
        if (!starter.mayAssign() && (named == null || !Ids.isGuid(named.trim()))) {
            throw GraphException.forbidden("Only an administrator or assignment manager may assign group members "
                    + "to an access package.");
        }
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        UUID packageId = Ids.parse(body.accessPackageId(), "accessPackageId");
        return catalog.requestContext(packageId, starter.objectId()).chain(found -> {
            RequestContext context = found.orElseThrow(() -> GraphException.invalidField("accessPackageId",
                    "Access package '" + packageId + "' was not found."));
            requireMayAssign(starter, context);
            UUID groupId = Ids.parse(body.groupId(), "groupId");
            UUID policyId = Ids.parse(body.assignmentPolicyId(), "assignmentPolicyId");
            PolicyView policy = context.policy(policyId).orElseThrow(() -> GraphException.invalidField(
                    "assignmentPolicyId", "Policy '" + policyId + "' is not a policy of access package '"
                            + packageId + "'."));
            if (policy.approvalRequiredForAdd()) {
                throw GraphException.invalidField("assignmentPolicyId", "Policy '" + policy.displayName()
                        + "' requires approval; bulk assignment only uses policies without approval.");
            }
            if (TargetScope.hasQuestions(policy)) {
                throw GraphException.badRequest("PolicyHasQuestions", "Policy '" + policy.displayName()
                        + "' asks the requestor questions, so users are assigned under it one at a time "
                        + "(adminAdd with the answers); bulk assignment is refused.");
            }
            if (!context.attributeQuestions().isEmpty()) {
                throw GraphException.badRequest("PackageHasAttributes", "Access package '"
                        + context.accessPackage().displayName() + "' has resources whose attributes each user "
                        + "answers, so users are assigned to it one at a time (adminAdd with the answers); bulk "
                        + "assignment is refused.");
            }
            PolicyEvaluator.checkJustification(policy, body.justification());
            Schedule.resolve(policy, null, true, clock.instant());
            return groups.users(groupId).chain(members -> {
                Set<UUID> users = members.orElseThrow(() -> GraphException.invalidField("groupId",
                        "Group '" + groupId + "' was not found in the directory."));
                return incompatibleMembers(context, users).chain(blocked -> scope.outOfScope(policy, users)
                        .chain(refused -> {
                            refused.forEach(blocked::putIfAbsent);
                            return record(context, policy, body, starter, groupId, users, blocked);
                        }));
            });
        });
    }

    /** Members of an incompatible group, with the refusal a single adminAdd would give them. */
    private Uni<Map<UUID, String>> incompatibleMembers(RequestContext context, Set<UUID> users) {
        Map<UUID, String> blocked = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RequestContext.Named group : context.incompatibleOrNone().groups()) {
            chain = chain.chain(() -> groups.users(UUID.fromString(group.id())).invoke(members -> members
                    .orElse(Set.of()).stream().filter(users::contains).forEach(m -> blocked.putIfAbsent(m,
                            "Member of group '" + (group.displayName() != null ? group.displayName() : group.id())
                                    + "' (" + group.id() + "), which is incompatible with access package '"
                                    + context.accessPackage().displayName() + "'."))).replaceWithVoid());
        }
        return chain.replaceWith(blocked);
    }

    private Uni<BulkAssignmentJob> record(RequestContext context, PolicyView policy, AssignGroupMembersBody body,
            Starter starter, UUID groupId, Set<UUID> users, Map<UUID, String> blocked) {
        Instant now = clock.instant();
        BulkAssignmentJob job = new BulkAssignmentJob();
        job.id = UUID.randomUUID();
        job.accessPackageId = context.accessPackage().id();
        job.assignmentPolicyId = policy.id();
        job.groupId = groupId;
        job.requestorObjectId = starter.objectId();
        job.justification = body.justification();
        job.total = users.size();
        job.done = blocked.size();
        job.failed = blocked.size();
        job.status = users.size() == blocked.size() ? BulkAssignmentJob.COMPLETED : BulkAssignmentJob.RUNNING;
        job.completedAt = BulkAssignmentJob.COMPLETED.equals(job.status) ? now : null;
        job.policy = policy.json().toString();
        job.grantContext = json(new JobContext(AssignmentRequestStore.GrantContext.of(context),
                context.incompatibleOrNone().accessPackages()));
        job.createdAt = now;
        return Panache.withTransaction(() -> job.persist().chain(Panache::flush)
                .chain(() -> bulk.addMembers(job.id, users, blocked))
                .chain(() -> BulkAssignmentJob.COMPLETED.equals(job.status) ? Uni.createFrom().voidItem()
                        : timers.schedule(BulkAssignmentChunks.KIND, job.id.toString(), now, null)))
                .replaceWith(job);
    }

    /** The job, if this caller may see it: an entitlement reader, or whoever started it. */
    @WithSession
    public Uni<Optional<BulkAssignmentJob>> find(UUID jobId, UUID caller, boolean reader) {
        return BulkAssignmentJob.<BulkAssignmentJob>findById(jobId).map(job -> Optional.ofNullable(job)
                .filter(j -> reader || j.requestorObjectId.equals(caller)));
    }

    /** The first failures of a job, for its reader. */
    @WithSession
    public Uni<List<BulkAssignmentMember>> failures(UUID jobId, int limit) {
        return BulkAssignmentMember.<BulkAssignmentMember>find("jobId = ?1 and status = ?2 order by memberId", jobId,
                BulkAssignmentMember.FAILED).page(0, limit).list();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
