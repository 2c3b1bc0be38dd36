package dev.tessera.pim.roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.common.roles.HeldDirectoryRole;
import dev.tessera.pim.roledefinition.RoleDefinition;
import dev.tessera.pim.schedule.RoleSchedule;
import dev.tessera.pim.schedule.ScheduleKind;
import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.EffectiveRolesChanged;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The directory roles each user holds in Tessera, published as {@link EffectiveRolesChanged} on the
 * compacted {@value Topics#PIM_ROLES} topic (key = the user's id) whenever the set changes — inside the
 * transaction of the change, through the outbox (docs/events.md, docs/pim.md "Where a caller's roles come
 * from").
 *
 * <p>What a user holds: their live assignment schedules (permanent or time-bound {@code Assigned}, and
 * {@code Activated} activations; future ones too, with their start) and the live assignment schedules of
 * every role-assignable group they are a member of ({@link GroupMembers}). Eligibilities are not held.
 *
 * <p>Each user has a state row (version and the set last published), locked by the transaction that
 * recomputes the user: two transactions changing one user's roles publish consecutive versions, the
 * second seeing the first's change. A transaction that changes one user's roles several times (a timer
 * batch, a directory event ending several schedules) publishes one record for that user: the later
 * recomputation replaces the transaction's earlier record (same version, changes from the set before
 * the transaction to the set after it).
 */
@ApplicationScoped
public class EffectiveRoles {

    private static final Logger LOG = Logger.getLogger(EffectiveRoles.class);

    static final String LOCK_STATE = "insert into effective_roles (principal_id, version, roles, changed_at) "
            + "values (?1, 0, '[]', ?2) on conflict do nothing";
    static final String READ_STATE = "select version, roles from effective_roles where principal_id = ?1 for update";
    static final String WRITE_STATE = "update effective_roles set version = ?2, roles = ?3, changed_at = ?4 "
            + "where principal_id = ?1";
    /** The record this transaction published for the principal earlier (only it can see that uncommitted row). */
    static final String SUPERSEDE = "delete from outbox_event where topic = ?1 and event_key = ?2 and sent_at is null "
            + "and cast(payload as jsonb) ->> 'version' = ?3";

    private static final TypeReference<List<HeldDirectoryRole>> ROLES = new TypeReference<>() {
    };

    /** Key of this transaction's recomputations in the Vert.x context. */
    private static final String TX_KEY = EffectiveRoles.class.getName() + ".tx";

    @Inject
    InstantSource clock;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    GroupMembers groups;

    /** A principal's recomputation earlier in this transaction: what it was before, and the version published. */
    private static final class Pending {
        List<HeldDirectoryRole> before;
        long beforeVersion;
        long version;
        boolean published;
        /** The set the previous recomputation of this transaction found. */
        List<HeldDirectoryRole> lastAfter;
        /** Reason and request per change (change + scheduleId), the latest cause that produced it. */
        final Map<String, String> reasons = new HashMap<>();
        final Map<String, UUID> requests = new HashMap<>();
    }

    /** What this transaction has recomputed, and the cause its entry point named. */
    private static final class Tx {
        final Object transaction;
        final Map<UUID, Pending> pending = new HashMap<>();
        String cause;

        Tx(Object transaction) {
            this.transaction = transaction;
        }
    }

    /**
     * Runs {@code work} (inside a transaction) with {@code cause} as the reason of every role change it
     * makes: {@code groupMemberRemoved}, {@code userDeleted}, {@code userDisabled}, {@code groupDeleted},
     * {@code accessPackage}, {@code bootstrap}…
     */
    public <T> Uni<T> because(String cause, Supplier<Uni<T>> work) {
        return tx().chain(tx -> {
            String outer = tx.cause;
            tx.cause = cause;
            return Uni.createFrom().<T>deferred(work::get).onTermination().invoke(() -> tx.cause = outer);
        });
    }

    /**
     * An assignment schedule was created, started, updated or ended (ScheduleService, inside its
     * transaction): recomputes its principal — or, for a group, every member pim-service follows.
     *
     * @param fallbackReason the reason when the entry point named no cause (the request's action, {@code expired}…)
     */
    public Uni<Void> scheduleChanged(RoleSchedule schedule, String fallbackReason, UUID requestId) {
        if (!ScheduleKind.ASSIGNMENT.equals(schedule.kind)) {
            return Uni.createFrom().voidItem();
        }
        return tx().chain(tx -> {
            String reason = tx.cause != null ? tx.cause : fallbackReason;
            return groups.membersIfGroup(schedule.principalId)
                    .chain(members -> recompute(members.orElse(List.of(schedule.principalId)), reason, requestId));
        });
    }

    /**
     * Recomputes each principal's roles, in id order (so that two transactions lock state rows in the
     * same order), and publishes those whose set changed.
     */
    public Uni<Void> recompute(java.util.Collection<UUID> principals, String reason, UUID requestId) {
        List<UUID> ordered = new ArrayList<>(new TreeSet<>(principals));
        if (ordered.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.flush().chain(this::tx).chain(tx -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID principal : ordered) {
                chain = chain.chain(() -> recomputeOne(tx, principal, reason, requestId));
            }
            return chain;
        });
    }

    /** Principals holding a live assignment schedule whose roles were never published (before V7). */
    static final String UNPUBLISHED = "select distinct s.principal_id from role_schedule s where s.kind = 'assignment' "
            + "and s.ended_at is null and not exists (select 1 from effective_roles e where e.principal_id = s.principal_id) "
            + "and not exists (select 1 from role_group_tracked g where g.group_id = s.principal_id) "
            + "order by s.principal_id limit ?1";
    static final String BACKFILL_LOCK = "select 1 from pg_advisory_xact_lock(hashtextextended('tessera.pim.effective-roles-backfill', 0))";

    /**
     * Publishes the roles of every principal that holds an active assignment made before pim-service
     * published roles (an installation upgraded to V7), reason {@code backfill}, in transactions of
     * {@code batch} principals; returns how many. Run at start; replicas are kept apart by an advisory
     * lock, and a principal published once is never backfilled again. Groups pim-service does not follow
     * (their members unknown without the directory) get a record of their own id.
     */
    public Uni<Integer> backfill(int batch) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(BACKFILL_LOCK)
                        .getSingleResult()
                        .chain(() -> session.createNativeQuery(UNPUBLISHED, UUID.class).setParameter(1, batch).getResultList()))
                        .chain(principals -> recompute(principals, "backfill", null).replaceWith(principals.size())))
                .chain(done -> done < batch ? Uni.createFrom().item(done) : backfill(batch).map(more -> more + done));
    }

    private Uni<Void> recomputeOne(Tx tx, UUID principal, String reason, UUID requestId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession().chain(session -> session.createNativeQuery(LOCK_STATE)
                        .setParameter(1, principal).setParameter(2, now).executeUpdate()
                        .chain(() -> session.createNativeQuery(READ_STATE, Object[].class).setParameter(1, principal)
                                .getSingleResult()))
                .chain(state -> held(principal).chain(after -> {
                    Pending pending = tx.pending.get(principal);
                    if (pending == null) {
                        pending = new Pending();
                        pending.before = read((String) state[1]);
                        pending.beforeVersion = ((Number) state[0]).longValue();
                        pending.version = pending.beforeVersion + 1;
                        tx.pending.put(principal, pending);
                    }
                    return publish(principal, pending, after, reason, requestId, now);
                }));
    }

    private Uni<Void> publish(UUID principal, Pending pending, List<HeldDirectoryRole> after, String reason,
            UUID requestId, Instant now) {
        Uni<Void> superseded = pending.published
                ? Panache.getSession().chain(session -> session.createNativeQuery(SUPERSEDE)
                        .setParameter(1, Topics.PIM_ROLES).setParameter(2, principal.toString())
                        .setParameter(3, Long.toString(pending.version)).executeUpdate()).replaceWithVoid()
                : Uni.createFrom().voidItem();
        // reasons of this step's own changes (against what the earlier step of the transaction left)
        List<HeldDirectoryRole> stepBefore = pending.lastAfter != null ? pending.lastAfter : pending.before;
        for (EffectiveRolesChanged.Change change : diff(stepBefore, after, c -> reason, c -> requestId)) {
            pending.reasons.put(changeKey(change), reason);
            pending.requests.put(changeKey(change), requestId);
        }
        pending.lastAfter = after;
        List<EffectiveRolesChanged.Change> changes = diff(pending.before, after,
                c -> pending.reasons.getOrDefault(changeKey(c), reason),
                c -> pending.requests.containsKey(changeKey(c)) ? pending.requests.get(changeKey(c)) : requestId);
        if (changes.isEmpty()) {
            // the set is what it was before the transaction: nothing to publish (an earlier record goes)
            pending.published = false;
            return superseded.chain(() -> writeState(principal, pending.beforeVersion, pending.before, now));
        }
        pending.published = true;
        EffectiveRolesChanged event = new EffectiveRolesChanged(principal, pending.version, now, after, changes);
        LOG.debugf("Roles of %s: version %d, %s", principal, pending.version, changes);
        return superseded.chain(() -> writeState(principal, pending.version, after, now))
                .chain(() -> outbox.publish(Topics.PIM_ROLES, EventTypes.PIM_EFFECTIVE_ROLES_CHANGED,
                        principal.toString(), event));
    }

    private Uni<Void> writeState(UUID principal, long version, List<HeldDirectoryRole> roles, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(WRITE_STATE)
                .setParameter(1, principal).setParameter(2, version).setParameter(3, write(roles))
                .setParameter(4, now).executeUpdate()).replaceWithVoid();
    }

    /**
     * The roles the user holds: their own live assignment schedules and those of the groups they are a
     * member of (as pim-service follows them), in force or starting later; sorted.
     */
    public Uni<List<HeldDirectoryRole>> held(UUID principal) {
        return groups.groupsOf(principal).chain(groupIds -> {
            List<UUID> principals = new ArrayList<>(groupIds);
            principals.add(principal);
            return RoleSchedule.<RoleSchedule>list("kind = ?1 and principalId in ?2 and endedAt is null order by id",
                    ScheduleKind.ASSIGNMENT, principals);
        }).chain(schedules -> {
            Set<String> roleIds = schedules.stream().map(s -> s.roleDefinitionId).collect(Collectors.toSet());
            Uni<List<RoleDefinition>> definitions = roleIds.isEmpty() ? Uni.createFrom().item(List.of())
                    : RoleDefinition.<RoleDefinition>list("id in ?1", roleIds);
            return definitions.map(found -> {
                Map<String, RoleDefinition> byId = found.stream().collect(Collectors.toMap(d -> d.id, d -> d));
                List<HeldDirectoryRole> roles = new ArrayList<>();
                for (RoleSchedule s : schedules) {
                    RoleDefinition definition = byId.get(s.roleDefinitionId);
                    boolean direct = s.principalId.equals(principal);
                    roles.add(new HeldDirectoryRole(s.roleDefinitionId,
                            definition == null ? s.roleDefinitionId : definition.templateId,
                            definition == null ? null : definition.displayName,
                            s.directoryScopeId, s.appScopeId, s.startAt, s.endAt,
                            direct ? "Direct" : "Group", s.assignmentType, s.id, direct ? null : s.principalId));
                }
                roles.sort(ORDER);
                return roles;
            });
        });
    }

    static final Comparator<HeldDirectoryRole> ORDER = Comparator.comparing(HeldDirectoryRole::roleDefinitionId)
            .thenComparing(r -> Objects.toString(r.directoryScopeId(), ""))
            .thenComparing(r -> Objects.toString(r.appScopeId(), ""))
            .thenComparing(r -> r.scheduleId().toString());

    /**
     * What changed from {@code before} to {@code after}, per schedule: a role that came is {@code granted}
     * ({@code activated} for an activation), one that went {@code ended}, one whose start or end moved
     * {@code updated}.
     */
    static List<EffectiveRolesChanged.Change> diff(List<HeldDirectoryRole> before, List<HeldDirectoryRole> after,
            Function<EffectiveRolesChanged.Change, String> reason, Function<EffectiveRolesChanged.Change, UUID> request) {
        Map<UUID, HeldDirectoryRole> old = new LinkedHashMap<>();
        before.forEach(r -> old.put(r.scheduleId(), r));
        Map<UUID, HeldDirectoryRole> now = new LinkedHashMap<>();
        after.forEach(r -> now.put(r.scheduleId(), r));
        List<EffectiveRolesChanged.Change> changes = new ArrayList<>();
        for (HeldDirectoryRole role : after) {
            HeldDirectoryRole was = old.get(role.scheduleId());
            if (was == null) {
                changes.add(change("Activated".equals(role.assignmentType()) ? "activated" : "granted", role, reason, request));
            } else if (!was.equals(role)) {
                changes.add(change("updated", role, reason, request));
            }
        }
        for (HeldDirectoryRole role : before) {
            if (!now.containsKey(role.scheduleId())) {
                changes.add(change("ended", role, reason, request));
            }
        }
        return changes;
    }

    private static EffectiveRolesChanged.Change change(String kind, HeldDirectoryRole role,
            Function<EffectiveRolesChanged.Change, String> reason, Function<EffectiveRolesChanged.Change, UUID> request) {
        EffectiveRolesChanged.Change bare = new EffectiveRolesChanged.Change(kind, role.roleDefinitionId(),
                role.roleTemplateId(), role.directoryScopeId(), role.appScopeId(), role.memberType(), role.scheduleId(),
                role.groupId(), null, null);
        return new EffectiveRolesChanged.Change(kind, role.roleDefinitionId(), role.roleTemplateId(),
                role.directoryScopeId(), role.appScopeId(), role.memberType(), role.scheduleId(), role.groupId(),
                reason.apply(bare), request.apply(bare));
    }

    private static String changeKey(EffectiveRolesChanged.Change change) {
        return change.change() + "/" + change.scheduleId();
    }

    /** This transaction's recomputations (a new transaction starts afresh). */
    private Uni<Tx> tx() {
        return Panache.currentTransaction().map(transaction -> {
            Object key = transaction == null ? new Object() : transaction;
            Tx tx = ContextLocals.<Tx>get(TX_KEY).orElse(null);
            if (tx == null || tx.transaction != key) {
                tx = new Tx(key);
                ContextLocals.put(TX_KEY, tx);
            }
            return tx;
        });
    }

    private List<HeldDirectoryRole> read(String json) {
        try {
            return json == null ? List.of() : mapper.readValue(json, ROLES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored roles cannot be read", e);
        }
    }

    private String write(List<HeldDirectoryRole> roles) {
        try {
            return mapper.writeValueAsString(roles);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Roles cannot be written", e);
        }
    }
}
