package dev.tessera.request.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.AssignmentGranted;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.platform.messaging.timer.DurableTimerBatch;
import dev.tessera.request.assignment.AssignmentExpiry;
import dev.tessera.request.assignment.AssignmentState;
import dev.tessera.request.external.ExternalUserLifecycle;
import dev.tessera.request.policy.Schedule;
import dev.tessera.request.request.AssignmentRequestStore;
import dev.tessera.request.request.RequestState;
import dev.tessera.request.request.RequestType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The set-wise reads and writes of a bulk chunk, inside the chunk's transaction: one statement for each
 * question about all the chunk's members, and one multi-row statement for each kind of row it writes
 * (requests, assignments, their grant events and expiry timers, the members' decisions). No entity is
 * created or loaded for them, so nothing is dirty-checked before each statement. Lists of ids travel as
 * one comma-separated parameter and rows as one JSON parameter, so each statement keeps one text (and one
 * plan) whatever the chunk's size.
 */
@ApplicationScoped
public class BulkGrants {

    /** A member's decision: {@code status} one of {@link BulkAssignmentMember}'s, a reason or a request. */
    public record Decision(UUID memberId, String status, String reason, UUID requestId) {
    }

    /** A live assignment of a member to an incompatible package. */
    public record Conflict(UUID packageId, UUID assignmentId) {
    }

    /** What a chunk grants to each member: the ids of their new request and assignment. */
    public record Grant(UUID memberId, UUID requestId, UUID assignmentId) {
    }

    static final String PENDING = "select member_id from bulk_assignment_member "
            + "where job_id = ?1 and status = 'pending' order by member_id limit ?2";

    static final String HOLDING = "select distinct target_object_id from assignment where access_package_id = ?1 "
            + "and target_object_id = any(cast(string_to_array(?2, ',') as uuid[])) and state <> 'expired'";

    static final String WAITING = "select distinct target_object_id from assignment_request "
            + "where access_package_id = ?1 and target_object_id = any(cast(string_to_array(?2, ',') as uuid[])) "
            + "and state = 'pendingApproval'";

    static final String CONFLICTS = "select distinct on (target_object_id) target_object_id, access_package_id, id "
            + "from assignment where target_object_id = any(cast(string_to_array(?1, ',') as uuid[])) "
            + "and access_package_id = any(cast(string_to_array(?2, ',') as uuid[])) and state <> 'expired' "
            + "order by target_object_id, created_at, id";

    static final String ASSIGNMENTS = "insert into assignment (id, access_package_id, access_package_name, catalog_id, "
            + "assignment_policy_id, target_object_id, state, status, start_at, end_at, expiration_type, duration, "
            + "resource_roles, created_at, modified_at) "
            + "select r.a, c.package, c.name, c.catalog, c.policy, r.t, c.state, c.status, c.start_at, c.end_at, "
            + "c.expiration_type, c.duration, c.roles, c.at, c.at "
            + "from json_to_record(cast(cast(?1 as text) as json)) as c(package uuid, name text, catalog uuid, policy uuid, state text, "
            + "status text, start_at timestamptz, end_at timestamptz, expiration_type text, duration text, roles text, "
            + "at timestamptz) "
            + "cross join json_to_recordset(cast(cast(?2 as text) as json)) as r(a uuid, q uuid, t uuid)";

    static final String REQUESTS = "insert into assignment_request (id, request_type, state, status, access_package_id, "
            + "assignment_policy_id, assignment_id, target_object_id, requestor_object_id, justification, "
            + "schedule_start, schedule_end, schedule_duration, expiration_type, created_at) "
            + "select r.q, c.type, c.state, c.status, c.package, c.policy, r.a, r.t, c.requestor, c.justification, "
            + "c.start_at, c.end_at, c.duration, c.expiration_type, c.at "
            + "from json_to_record(cast(cast(?1 as text) as json)) as c(type text, state text, status text, package uuid, policy uuid, "
            + "requestor uuid, justification text, start_at timestamptz, end_at timestamptz, duration text, "
            + "expiration_type text, at timestamptz) "
            + "cross join json_to_recordset(cast(cast(?2 as text) as json)) as r(a uuid, q uuid, t uuid)";

    /** Only pending members are decided: a member decided once is never decided again. */
    static final String DECIDE = "update bulk_assignment_member m set status = r.status, reason = r.reason, "
            + "request_id = r.request "
            + "from json_to_recordset(cast(cast(?2 as text) as json)) as r(member uuid, status text, reason text, request uuid) "
            + "where m.job_id = ?1 and m.member_id = r.member and m.status = 'pending'";

    static final String MEMBERS = "insert into bulk_assignment_member (id, job_id, member_id, status, reason) "
            + "select r.id, ?1, r.member, r.status, r.reason "
            + "from json_to_recordset(cast(cast(?2 as text) as json)) as r(id uuid, member uuid, status text, reason text)";

    @Inject
    ObjectMapper mapper;

    @Inject
    ExternalUserLifecycle externalUsers;

    @Inject
    Outbox outbox;

    @Inject
    DurableTimerBatch timers;

    /**
     * One row per member of a new job: pending, or failed with the reason when {@code blocked} names one.
     * Inside the transaction that stores the job.
     */
    public Uni<Void> addMembers(UUID jobId, Set<UUID> members, Map<UUID, String> blocked) {
        if (members.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = mapper.createArrayNode();
        for (UUID member : members) {
            String reason = blocked.get(member);
            rows.addObject().put("id", UUID.randomUUID().toString()).put("member", member.toString())
                    .put("status", reason == null ? BulkAssignmentMember.PENDING : BulkAssignmentMember.FAILED)
                    .put("reason", reason);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(MEMBERS)
                .setParameter(1, jobId).setParameter(2, rows.toString()).executeUpdate())
                .replaceWithVoid();
    }

    /** The job's next pending members, in member id order. */
    public Uni<List<UUID>> pending(UUID jobId, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PENDING, UUID.class)
                .setParameter(1, jobId).setParameter(2, limit).getResultList());
    }

    /** Those of the members with a live assignment to the package. */
    public Uni<Set<UUID>> holding(UUID packageId, List<UUID> members) {
        return ids(HOLDING, packageId, members);
    }

    /** Those of the members with a request for the package waiting for approval. */
    public Uni<Set<UUID>> waiting(UUID packageId, List<UUID> members) {
        return ids(WAITING, packageId, members);
    }

    /** For each member holding one of the packages, one such assignment (the oldest). */
    public Uni<Map<UUID, Conflict>> conflicts(List<UUID> members, List<UUID> packageIds) {
        if (members.isEmpty() || packageIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(CONFLICTS, Object[].class)
                .setParameter(1, joined(members)).setParameter(2, joined(packageIds)).getResultList())
                .map(rows -> {
                    Map<UUID, Conflict> conflicts = new HashMap<>();
                    for (Object[] row : rows) {
                        conflicts.put((UUID) row[0], new Conflict((UUID) row[1], (UUID) row[2]));
                    }
                    return conflicts;
                });
    }

    /**
     * Writes, for each grant, the adminAdd request and its assignment (delivering from the schedule's
     * start, which is now) as a single adminAdd without approval writes them, the AssignmentGranted event and,
     * when the schedule ends, the expiry timer.
     */
    public Uni<Void> grant(BulkAssignmentJob job, AssignmentRequestStore.GrantContext context, Schedule schedule,
            List<Grant> grants, Instant now) {
        if (grants.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        ArrayNode rows = mapper.createArrayNode();
        List<Outbox.Pending> events = new ArrayList<>(grants.size());
        for (Grant grant : grants) {
            rows.addObject().put("a", grant.assignmentId().toString()).put("q", grant.requestId().toString())
                    .put("t", grant.memberId().toString());
            events.add(new Outbox.Pending(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED,
                    grant.assignmentId().toString(), new AssignmentGranted(grant.assignmentId(),
                    grant.requestId(), job.accessPackageId, job.assignmentPolicyId, grant.memberId(), schedule.start(),
                    schedule.end(), context.resourceRoles())));
        }
        ObjectNode assignment = mapper.createObjectNode().put("package", job.accessPackageId.toString())
                .put("name", context.accessPackageName())
                .put("catalog", context.catalogId() == null ? null : context.catalogId().toString())
                .put("policy", job.assignmentPolicyId.toString()).put("state", AssignmentState.delivering.name())
                .put("status", "Delivering").put("start_at", text(schedule.start())).put("end_at", text(schedule.end()))
                .put("expiration_type", schedule.expirationType()).put("duration", schedule.duration())
                .put("roles", json(context.resourceRoles())).put("at", at.toString());
        ObjectNode request = mapper.createObjectNode().put("type", RequestType.adminAdd.name())
                .put("state", RequestState.submitted.name()).put("status", "Accepted")
                .put("package", job.accessPackageId.toString()).put("policy", job.assignmentPolicyId.toString())
                .put("requestor", job.requestorObjectId.toString()).put("justification", job.justification)
                .put("start_at", text(schedule.start())).put("end_at", text(schedule.end()))
                .put("duration", schedule.duration()).put("expiration_type", schedule.expirationType())
                .put("at", at.toString());
        String values = rows.toString();
        // the assignments first: each request names its assignment
        return insert(ASSIGNMENTS, assignment, values, grants.size())
                .chain(() -> insert(REQUESTS, request, values, grants.size()))
                .chain(() -> outbox.publishAll(events))
                .chain(() -> schedule.end() == null ? Uni.createFrom().voidItem()
                        : timers.scheduleAll(AssignmentExpiry.KIND,
                                grants.stream().map(g -> g.assignmentId().toString()).toList(), schedule.end()))
                .chain(() -> externalUsers.assignmentsGranted(grants.stream().map(Grant::memberId).toList()));
    }

    /** Records the decisions of pending members; fails (and so rolls the chunk back) if one was decided already. */
    public Uni<Void> decide(UUID jobId, List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = mapper.createArrayNode();
        for (Decision decision : decisions) {
            rows.addObject().put("member", decision.memberId().toString()).put("status", decision.status())
                    .put("reason", decision.reason())
                    .put("request", decision.requestId() == null ? null : decision.requestId().toString());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(DECIDE)
                .setParameter(1, jobId).setParameter(2, rows.toString()).executeUpdate())
                .invoke(updated -> {
                    if (updated != decisions.size()) {
                        throw new IllegalStateException("Bulk job " + jobId + ": " + (decisions.size() - updated)
                                + " of the chunk's members were decided meanwhile");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> insert(String sql, ObjectNode common, String rows, int expected) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter(1, common.toString()).setParameter(2, rows).executeUpdate())
                .invoke(inserted -> {
                    if (inserted != expected) {
                        throw new IllegalStateException("Bulk chunk wrote " + inserted + " of " + expected + " rows");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Set<UUID>> ids(String sql, UUID packageId, List<UUID> members) {
        if (members.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, UUID.class)
                .setParameter(1, packageId).setParameter(2, joined(members)).getResultList())
                .map(HashSet::new);
    }

    private static String joined(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    /** As PostgreSQL keeps it, so an assignment's end and its expiry timer's due time are equal. */
    private static String text(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
