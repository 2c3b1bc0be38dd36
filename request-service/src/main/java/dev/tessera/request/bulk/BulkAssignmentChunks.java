package dev.tessera.request.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.platform.messaging.timer.TimerHandler;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentState;
import dev.tessera.request.catalog.CatalogDeletions;
import dev.tessera.request.catalog.RequestContext;
import dev.tessera.request.policy.Schedule;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.AssignmentRequestStore;
import dev.tessera.request.request.RequestState;
import dev.tessera.request.request.RequestType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Works through a bulk job one chunk per timer firing: each pending member becomes an adminAdd
 * request with its assignment (created), or is skipped (already holds the package or has a request
 * waiting for approval), or fails (holds an incompatible package, the policy's schedule no longer
 * resolves). A chunk's requests, grants and progress commit together with the timer's deletion and
 * the next chunk's timer, so a crash repeats at most the chunk that did not commit, and a member
 * already decided is never decided again.
 */
@ApplicationScoped
public class BulkAssignmentChunks implements TimerHandler {

    public static final String KIND = "request.bulkAssignment";

    /** Failed firings of one chunk after which the job is marked failed (timers retry with backoff). */
    static final int GIVE_UP_AFTER = 5;

    private static final Logger LOG = Logger.getLogger(BulkAssignmentChunks.class);

    @ConfigProperty(name = "tessera.bulk.chunk-size", defaultValue = "100")
    int chunkSize;

    @Inject
    CatalogDeletions deletions;

    @Inject
    DurableTimers timers;

    @Inject
    AssignmentRequestStore store;

    @Inject
    InstantSource clock;

    @Inject
    ObjectMapper mapper;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Void> fire(DueTimer timer) {
        UUID jobId = UUID.fromString(timer.key());
        return BulkAssignmentJob.<BulkAssignmentJob>findById(jobId).chain(job -> {
            if (job == null || !BulkAssignmentJob.RUNNING.equals(job.status)) {
                return Uni.createFrom().voidItem();
            }
            if (timer.attempts() >= GIVE_UP_AFTER) {
                // The same chunk kept failing: say so instead of leaving the job running for ever.
                LOG.errorf("Bulk job %s failed: its chunk failed %d times", job.id, timer.attempts());
                job.status = BulkAssignmentJob.FAILED;
                job.completedAt = clock.instant();
                return Uni.createFrom().voidItem();
            }
            return BulkAssignmentMember.<BulkAssignmentMember>find("jobId = ?1 and status = ?2 order by memberId",
                    jobId, BulkAssignmentMember.PENDING).page(0, chunkSize).list().chain(members -> {
                        if (members.isEmpty()) {
                            job.status = BulkAssignmentJob.COMPLETED;
                            job.completedAt = clock.instant();
                            LOG.infof("Bulk job %s completed: %d created, %d skipped, %d failed of %d", job.id,
                                    job.created, job.skipped, job.failed, job.total);
                            return Uni.createFrom().voidItem();
                        }
                        return chunk(job, members)
                                .chain(() -> timers.schedule(KIND, job.id.toString(), clock.instant(), null));
                    });
        });
    }

    private Uni<Void> chunk(BulkAssignmentJob job, List<BulkAssignmentMember> members) {
        PolicyView policy = new PolicyView(read(job.policy));
        BulkAssignmentService.JobContext context = context(job);
        Instant now = clock.instant();
        Schedule schedule;
        String scheduleFailure = null;
        try {
            schedule = Schedule.resolve(policy, null, true, now);
        } catch (GraphException e) {
            schedule = null;
            scheduleFailure = e.getMessage();
        }
        Schedule resolved = schedule;
        String scheduled = scheduleFailure;
        // a policy or package deleted since the job started grants nothing more (see CatalogDeletions)
        return deletions.isDeleted(job.accessPackageId, job.assignmentPolicyId).chain(deleted -> {
            String failure = deleted ? "The access package or its policy has been deleted." : scheduled;
            // One member after the other: they share the session.
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (BulkAssignmentMember member : members) {
                chain = chain.chain(() -> failure != null ? done(job, member, BulkAssignmentMember.FAILED, failure, null)
                        : decide(job, context, resolved, member, now));
            }
            return chain;
        });
    }

    private Uni<Void> decide(BulkAssignmentJob job, BulkAssignmentService.JobContext context, Schedule schedule,
            BulkAssignmentMember member, Instant now) {
        return Assignment.count("accessPackageId = ?1 and targetObjectId = ?2 and state <> ?3", job.accessPackageId,
                member.memberId, AssignmentState.expired).chain(assigned -> {
                    if (assigned > 0) {
                        return done(job, member, BulkAssignmentMember.SKIPPED, "Already has the access package.", null);
                    }
                    return AssignmentRequest.count("accessPackageId = ?1 and targetObjectId = ?2 and state = ?3",
                            job.accessPackageId, member.memberId, RequestState.pendingApproval).chain(open -> {
                                if (open > 0) {
                                    return done(job, member, BulkAssignmentMember.SKIPPED,
                                            "Has a request for the access package waiting for approval.", null);
                                }
                                List<UUID> incompatible = context.incompatiblePackages().stream()
                                        .map(p -> UUID.fromString(p.id())).toList();
                                return store.liveAssignmentIn(member.memberId, incompatible).chain(conflict -> {
                                    if (conflict.isPresent()) {
                                        return done(job, member, BulkAssignmentMember.FAILED, "Already has access package '"
                                                + name(context, conflict.get().accessPackageId) + "' (assignment "
                                                + conflict.get().id + "), which is incompatible with access package '"
                                                + context.grant().accessPackageName() + "'.", null);
                                    }
                                    return grant(job, context, schedule, member, now);
                                });
                            });
                });
    }

    private Uni<Void> grant(BulkAssignmentJob job, BulkAssignmentService.JobContext context, Schedule schedule,
            BulkAssignmentMember member, Instant now) {
        AssignmentRequest request = AssignmentRequest.submitted(RequestType.adminAdd, job.accessPackageId,
                job.assignmentPolicyId, member.memberId, job.requestorObjectId, job.justification, now)
                .scheduled(schedule);
        return request.persist().chain(Panache::flush)
                .chain(() -> store.grant(request, context.grant(), schedule))
                .chain(() -> done(job, member, BulkAssignmentMember.CREATED, null, request.id));
    }

    private static Uni<Void> done(BulkAssignmentJob job, BulkAssignmentMember member, String status, String reason,
            UUID requestId) {
        member.status = status;
        member.reason = reason;
        member.requestId = requestId;
        job.done++;
        switch (status) {
            case BulkAssignmentMember.CREATED -> job.created++;
            case BulkAssignmentMember.SKIPPED -> job.skipped++;
            default -> job.failed++;
        }
        return Uni.createFrom().voidItem();
    }

    private static String name(BulkAssignmentService.JobContext context, UUID packageId) {
        return context.incompatiblePackages().stream().filter(p -> p.id().equalsIgnoreCase(packageId.toString()))
                .map(RequestContext.Named::displayName).findFirst().orElse(packageId.toString());
    }

    private BulkAssignmentService.JobContext context(BulkAssignmentJob job) {
        try {
            return mapper.readValue(job.grantContext, BulkAssignmentService.JobContext.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Bulk job " + job.id + " has no readable context", e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Bulk job policy is unreadable", e);
        }
    }
}
