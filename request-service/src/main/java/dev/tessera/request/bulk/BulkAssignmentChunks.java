package dev.tessera.request.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.platform.messaging.timer.TimerHandler;
import dev.tessera.request.catalog.CatalogDeletions;
import dev.tessera.request.catalog.RequestContext;
import dev.tessera.request.policy.Schedule;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Works through a bulk job one chunk per timer firing ({@code tessera.bulk.chunk-size} members, 1,000 by
 * default; {@link BulkGrants} asks and writes for the whole chunk at once): each pending member becomes an adminAdd
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

    @ConfigProperty(name = "tessera.bulk.chunk-size", defaultValue = "1000")
    int chunkSize;

    @Inject
    CatalogDeletions deletions;

    @Inject
    DurableTimers timers;

    @Inject
    BulkGrants grants;

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
            return grants.pending(jobId, chunkSize).chain(members -> {
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

    /** Decides all the chunk's members with one query per question and writes what follows set-wise. */
    private Uni<Void> chunk(BulkAssignmentJob job, List<UUID> members) {
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
            if (failure != null) {
                return record(job, members.stream()
                        .map(m -> new BulkGrants.Decision(m, BulkAssignmentMember.FAILED, failure, null)).toList());
            }
            List<UUID> incompatible = context.incompatiblePackages().stream().map(p -> UUID.fromString(p.id())).toList();
            return grants.holding(job.accessPackageId, members)
                    .chain(holding -> grants.waiting(job.accessPackageId, members)
                            .chain(waiting -> grants.conflicts(members, incompatible)
                                    .chain(conflicts -> decide(job, context, resolved, members, holding, waiting,
                                            conflicts, now))));
        });
    }

    private Uni<Void> decide(BulkAssignmentJob job, BulkAssignmentService.JobContext context, Schedule schedule,
            List<UUID> members, Set<UUID> holding, Set<UUID> waiting, Map<UUID, BulkGrants.Conflict> conflicts,
            Instant now) {
        List<BulkGrants.Decision> decisions = new ArrayList<>(members.size());
        List<BulkGrants.Grant> granted = new ArrayList<>(members.size());
        for (UUID member : members) {
            BulkGrants.Conflict conflict = conflicts.get(member);
            if (holding.contains(member)) {
                decisions.add(new BulkGrants.Decision(member, BulkAssignmentMember.SKIPPED,
                        "Already has the access package.", null));
            } else if (waiting.contains(member)) {
                decisions.add(new BulkGrants.Decision(member, BulkAssignmentMember.SKIPPED,
                        "Has a request for the access package waiting for approval.", null));
            } else if (conflict != null) {
                decisions.add(new BulkGrants.Decision(member, BulkAssignmentMember.FAILED, "Already has access package '"
                        + name(context, conflict.packageId()) + "' (assignment " + conflict.assignmentId()
                        + "), which is incompatible with access package '" + context.grant().accessPackageName() + "'.",
                        null));
            } else {
                BulkGrants.Grant grant = new BulkGrants.Grant(member, UUID.randomUUID(), UUID.randomUUID());
                granted.add(grant);
                decisions.add(new BulkGrants.Decision(member, BulkAssignmentMember.CREATED, null, grant.requestId()));
            }
        }
        return grants.grant(job, context.grant(), schedule, granted, now).chain(() -> record(job, decisions));
    }

    /** The members' decisions and the job's counters, in the chunk's transaction. */
    private Uni<Void> record(BulkAssignmentJob job, List<BulkGrants.Decision> decisions) {
        return grants.decide(job.id, decisions).invoke(() -> {
            for (BulkGrants.Decision decision : decisions) {
                job.done++;
                switch (decision.status()) {
                    case BulkAssignmentMember.CREATED -> job.created++;
                    case BulkAssignmentMember.SKIPPED -> job.skipped++;
                    default -> job.failed++;
                }
            }
        });
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
