package dev.tessera.provisioning.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.AssignmentGranted;
import dev.tessera.platform.messaging.events.DeliveryReported;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.provisioning.group.GroupLink;
import dev.tessera.provisioning.group.MembershipEvents;
import dev.tessera.provisioning.group.Relationship;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Delivers a run of plain group grants set-wise, inside the poll's transaction: one query for the
 * targets that exist, one for the groups, one for the places already held, one multi-row insert of
 * memberships, one of ledger rows, one read of the assignments' ledger rows for their reports, and
 * one outbox statement for the directory events and {@code DeliveryReported}s — the same rows and
 * events, in the same per-grant order, as {@link DeliveryService#grant} would write one grant at a
 * time. Native SQL only: no entity is loaded, so no auto-flush has anything to dirty-check.
 *
 * <p>A plain grant names a target by id and only roles that need no I/O to decide besides those
 * lookups ({@code AadGroup} places and roles that fail without I/O); guests, application and site
 * roles and directory roles take the per-event path.
 */
@ApplicationScoped
class GrantBatch {

    /** One grant of the run, with when its delivery was requested (ce_time). */
    record Grant(AssignmentGranted grant, Instant requestedAt) {
    }

    static final String EXISTING_USERS = "select cast(id as text) from directory_user "
            + "where id = any(cast(cast(?1 as text) as uuid[]))";

    static final String EXISTING_GROUPS = "select cast(id as text) from directory_group "
            + "where id = any(cast(cast(?1 as text) as uuid[]))";

    static final String HELD = "select distinct cast(member_id as text), cast(group_id as text), relationship "
            + "from group_membership where member_id = any(cast(cast(?1 as text) as uuid[])) "
            + "and group_id = any(cast(cast(?2 as text) as uuid[]))";

    static final String INSERT_MEMBERSHIPS = "insert into group_membership (group_id, member_id, relationship, "
            + "source, created_at) select r.group_id, r.member_id, r.relationship, r.source, r.created_at "
            + "from json_to_recordset(cast(cast(?1 as text) as json)) "
            + "as r(group_id uuid, member_id uuid, relationship text, source text, created_at timestamptz) "
            + "on conflict do nothing";

    static final String INSERT_LEDGER = "insert into delivery_ledger (assignment_id, role_id, access_package_id, "
            + "role_display_name, origin_system, resource_origin_id, role_origin_id, target_id, status, error, "
            + "requested_at, started_at, delivered_at, failed_at, removed_at, request_id, end_at, pim_command_id) "
            + "select r.assignment_id, r.role_id, r.access_package_id, r.role_display_name, r.origin_system, "
            + "r.resource_origin_id, r.role_origin_id, r.target_id, r.status, r.error, r.requested_at, "
            + "r.started_at, r.delivered_at, r.failed_at, null, r.request_id, r.end_at, null "
            + "from json_to_recordset(cast(cast(?1 as text) as json)) as r(assignment_id uuid, role_id uuid, "
            + "access_package_id uuid, role_display_name text, origin_system text, resource_origin_id text, "
            + "role_origin_id text, target_id uuid, status text, error text, requested_at timestamptz, "
            + "started_at timestamptz, delivered_at timestamptz, failed_at timestamptz, request_id uuid, "
            + "end_at timestamptz) "
            + "on conflict (assignment_id, role_id) do update set "
            + "access_package_id = excluded.access_package_id, role_display_name = excluded.role_display_name, "
            + "origin_system = excluded.origin_system, "
            + "resource_origin_id = excluded.resource_origin_id, role_origin_id = excluded.role_origin_id, "
            + "target_id = excluded.target_id, status = excluded.status, error = excluded.error, "
            + "started_at = excluded.started_at, delivered_at = excluded.delivered_at, "
            + "failed_at = excluded.failed_at, removed_at = null, request_id = excluded.request_id, "
            + "end_at = excluded.end_at, pim_command_id = excluded.pim_command_id";

    /** The rows a grant report is made of (as DeliveryService#reportIfSettled reads them), one JSON object each. */
    static final String LIVE_ROWS = "select cast(row_to_json(l) as text) from (select assignment_id, role_id, "
            + "role_display_name, status, error, started_at, delivered_at, failed_at, request_id, target_id "
            + "from delivery_ledger where assignment_id = any(cast(cast(?1 as text) as uuid[])) "
            + "and status in ('delivered', 'failed', 'pending')) l "
            + "order by l.assignment_id, l.role_display_name, l.role_id";

    @Inject
    InstantSource clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    Outbox outbox;

    @Inject
    MembershipEvents membershipEvents;

    /** Whether {@link #deliver} can take this grant (else it goes the per-event way). */
    static boolean takes(AssignmentGranted grant) {
        if (grant.assignmentId() == null || grant.targetObjectId() == null || grant.resourceRoles() == null
                || grant.resourceRoles().isEmpty() || !grant.attributesOrNone().isEmpty()) {
            return false;
        }
        for (ResourceRoleRef role : grant.resourceRoles()) {
            if (role == null || role.roleId() == null || Placements.handles(role)
                    || DeliveryPlan.DIRECTORY_ROLE.equalsIgnoreCase(role.originSystem())) {
                return false;
            }
        }
        return true;
    }

    /** Delivers the run; no two grants of it may name the same assignment. Inside the poll's transaction. */
    Uni<Void> deliver(List<Grant> run) {
        Instant started = clock.instant();
        List<List<ResourceRoleRef>> roles = new ArrayList<>(run.size());
        Set<UUID> targets = new LinkedHashSet<>();
        Set<UUID> groupIds = new LinkedHashSet<>();
        for (Grant g : run) {
            List<ResourceRoleRef> distinct = DeliveryService.distinctRoles(g.grant().resourceRoles());
            roles.add(distinct);
            targets.add(g.grant().targetObjectId());
            groupIds.addAll(DeliveryPlan.groupIds(distinct));
        }
        // Entities an earlier event of the poll loaded would go stale under these native writes: written
        // out and let go first, so a later event of the poll reads the rows afresh.
        return Panache.getSession().chain(session -> session.flush().invoke(session::clear))
                .chain(() -> ids(EXISTING_USERS, targets)).chain(users -> ids(EXISTING_GROUPS, groupIds).chain(groups -> {
            List<List<RoleOutcome>> outcomes = new ArrayList<>(run.size());
            for (int i = 0; i < run.size(); i++) {
                UUID target = run.get(i).grant().targetObjectId();
                outcomes.add(DeliveryPlan.decide(target, roles.get(i), users.contains(target), groups, Map.of()));
            }
            return deliver(run, outcomes, started);
        }));
    }

    private Uni<Void> deliver(List<Grant> run, List<List<RoleOutcome>> outcomes, Instant started) {
        List<Set<GroupLink>> links = new ArrayList<>(run.size());
        Set<UUID> members = new LinkedHashSet<>();
        Set<UUID> groups = new LinkedHashSet<>();
        for (int i = 0; i < run.size(); i++) {
            Set<GroupLink> delivered = new LinkedHashSet<>();
            outcomes.get(i).stream().filter(o -> o.isDelivered() && o.link() != null).forEach(o -> delivered.add(o.link()));
            links.add(delivered);
            if (!delivered.isEmpty()) {
                members.add(run.get(i).grant().targetObjectId());
                delivered.forEach(link -> groups.add(link.groupId()));
            }
        }
        return held(members, groups).chain(held -> {
            Instant at = micros(clock.instant());
            List<Map<String, Object>> membershipRows = new ArrayList<>();
            List<List<Outbox.Pending>> directoryEvents = new ArrayList<>(run.size());
            for (int i = 0; i < run.size(); i++) {
                UUID target = run.get(i).grant().targetObjectId();
                String source = run.get(i).grant().assignmentId().toString();
                Set<GroupLink> gained = new LinkedHashSet<>();
                for (GroupLink link : links.get(i)) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("group_id", link.groupId());
                    row.put("member_id", target);
                    row.put("relationship", link.relationship().value());
                    row.put("source", source);
                    row.put("created_at", at.toString());
                    membershipRows.add(row);
                    // announced once: by the first grant of the run that gives a place not held before
                    if (held.add(new Held(target, link))) {
                        gained.add(link);
                    }
                }
                directoryEvents.add(membershipEvents.addedEvents(target, gained, source));
            }
            return write(INSERT_MEMBERSHIPS, membershipRows)
                    .chain(() -> write(INSERT_LEDGER, ledgerRows(run, outcomes, started, micros(clock.instant()))))
                    .chain(() -> liveRows(run))
                    .chain(live -> {
                        Instant completed = clock.instant();
                        List<Outbox.Pending> events = new ArrayList<>();
                        for (int i = 0; i < run.size(); i++) {
                            events.addAll(directoryEvents.get(i));
                            AssignmentGranted grant = run.get(i).grant();
                            report(grant, live.getOrDefault(grant.assignmentId(), List.of()), completed)
                                    .ifPresent(report -> events.add(new Outbox.Pending(Topics.DELIVERY_EVENTS,
                                            EventTypes.DELIVERY_REPORTED, grant.assignmentId().toString(), report)));
                        }
                        return outbox.publishAll(events);
                    });
        });
    }

    /** As DeliveryService#reportIfSettled: nothing while a row waits for pim-service or none grants anything. */
    private static java.util.Optional<DeliveryReported> report(AssignmentGranted grant, List<JsonNode> live,
            Instant completed) {
        if (live.isEmpty() || live.stream().anyMatch(r -> RoleOutcome.PENDING.equals(text(r, "status")))) {
            return java.util.Optional.empty();
        }
        JsonNode first = live.get(0);
        UUID requestId = grant.requestId() != null ? grant.requestId() : uuid(first, "request_id");
        List<DeliveryReported.RoleDelivery> roles = live.stream().map(r -> new DeliveryReported.RoleDelivery(
                uuid(r, "role_id"), text(r, "role_display_name"), text(r, "status"), text(r, "error"),
                instant(r, "started_at"), instant(r, "delivered_at") != null ? instant(r, "delivered_at")
                        : instant(r, "failed_at"))).toList();
        return java.util.Optional.of(new DeliveryReported(grant.assignmentId(), requestId, DeliveryReported.GRANT,
                DeliveryPlan.outcome(live.stream().map(r -> text(r, "status")).toList()), completed, roles,
                uuid(first, "target_id")));
    }

    private List<Map<String, Object>> ledgerRows(List<Grant> run, List<List<RoleOutcome>> outcomes, Instant started,
            Instant finished) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            AssignmentGranted grant = run.get(i).grant();
            for (RoleOutcome outcome : outcomes.get(i)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("assignment_id", grant.assignmentId());
                row.put("role_id", outcome.role().roleId());
                row.put("access_package_id", grant.accessPackageId());
                row.put("role_display_name", outcome.role().roleDisplayName());
                row.put("origin_system", outcome.role().originSystem());
                row.put("resource_origin_id", outcome.role().resourceOriginId());
                row.put("role_origin_id", outcome.role().roleOriginId());
                row.put("target_id", grant.targetObjectId());
                row.put("status", outcome.status());
                row.put("error", outcome.error());
                row.put("requested_at", text(micros(run.get(i).requestedAt())));
                row.put("started_at", text(micros(started)));
                row.put("delivered_at", outcome.isDelivered() ? finished.toString() : null);
                row.put("failed_at", RoleOutcome.FAILED.equals(outcome.status()) ? finished.toString() : null);
                row.put("request_id", grant.requestId());
                row.put("end_at", text(micros(grant.endDateTime())));
                rows.add(row);
            }
        }
        return rows;
    }

    private Uni<Set<UUID>> ids(String sql, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                        .setParameter(1, array(ids)).getResultList())
                .map(rows -> {
                    Set<UUID> found = new HashSet<>();
                    rows.forEach(row -> found.add(UUID.fromString((String) row)));
                    return found;
                });
    }

    /** A member's place in a group, whatever its source. */
    private record Held(UUID member, GroupLink link) {
    }

    private Uni<Set<Held>> held(Collection<UUID> members, Collection<UUID> groups) {
        if (members.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(HELD)
                        .setParameter(1, array(members)).setParameter(2, array(groups)).getResultList())
                .map(rows -> {
                    Set<Held> held = new HashSet<>();
                    for (Object row : rows) {
                        Object[] columns = (Object[]) row;
                        held.add(new Held(UUID.fromString((String) columns[0]), new GroupLink(
                                UUID.fromString((String) columns[1]), Relationship.ofValue((String) columns[2]))));
                    }
                    return held;
                });
    }

    /** The run's assignments' ledger rows that grant something, by assignment, in report order. */
    private Uni<Map<UUID, List<JsonNode>>> liveRows(List<Grant> run) {
        List<UUID> assignments = run.stream().map(g -> g.grant().assignmentId()).toList();
        return Panache.getSession().chain(session -> session.createNativeQuery(LIVE_ROWS)
                        .setParameter(1, array(assignments)).getResultList())
                .map(rows -> {
                    Map<UUID, List<JsonNode>> byAssignment = new LinkedHashMap<>();
                    for (Object row : rows) {
                        JsonNode node = read((String) row);
                        byAssignment.computeIfAbsent(uuid(node, "assignment_id"), a -> new ArrayList<>()).add(node);
                    }
                    return byAssignment;
                });
    }

    private Uni<Void> write(String sql, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String json = json(rows);
        return Panache.getSession().chain(session -> session.createNativeQuery(sql).setParameter(1, json)
                .executeUpdate()).replaceWithVoid();
    }

    private static String array(Collection<UUID> ids) {
        StringBuilder text = new StringBuilder("{");
        for (UUID id : ids) {
            text.append(text.length() == 1 ? "" : ",").append(id);
        }
        return text.append('}').toString();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Delivery rows cannot be serialised", e);
        }
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable ledger row: " + json, e);
        }
    }

    /** The database keeps microseconds (as it stores a bound Instant). */
    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static UUID uuid(JsonNode row, String field) {
        String value = text(row, field);
        return value == null ? null : UUID.fromString(value);
    }

    private static Instant instant(JsonNode row, String field) {
        String value = text(row, field);
        return value == null ? null : OffsetDateTime.parse(value).toInstant();
    }
}
