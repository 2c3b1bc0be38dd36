package dev.tessera.provisioning.delivery;

import dev.tessera.platform.messaging.events.AssignmentGranted;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class DeliveryLedgerRepository implements PanacheRepositoryBase<DeliveryLedgerEntry, DeliveryLedgerEntry.Key> {

    private static final String COLUMNS = "assignment_id, role_id, access_package_id, role_display_name, "
            + "origin_system, resource_origin_id, role_origin_id, target_id, status, error, requested_at, "
            + "started_at, delivered_at, failed_at, removed_at, request_id, end_at, pim_command_id";
    private static final int WIDTH = 18;

    /**
     * Records a grant's outcomes in one statement. A row for the same assignment and role (a re-sent
     * grant) is overwritten with the latest attempt but keeps when it was first requested.
     */
    public Uni<Integer> recordGrant(AssignmentGranted grant, List<RoleOutcome> outcomes, Instant requestedAt,
            Instant startedAt, Instant finishedAt) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        StringBuilder sql = new StringBuilder("insert into delivery_ledger (" + COLUMNS + ") values ");
        List<Object> params = new ArrayList<>();
        for (RoleOutcome outcome : outcomes) {
            sql.append(params.isEmpty() ? "(" : ", (");
            for (int column = 0; column < WIDTH; column++) {
                sql.append(column == 0 ? "?" : ", ?").append(params.size() + column + 1);
            }
            sql.append(')');
            params.add(grant.assignmentId());
            params.add(outcome.role().roleId());
            params.add(grant.accessPackageId());
            params.add(outcome.role().roleDisplayName());
            params.add(outcome.role().originSystem());
            params.add(outcome.role().resourceOriginId());
            params.add(outcome.role().roleOriginId());
            params.add(grant.targetObjectId());
            params.add(outcome.status());
            params.add(outcome.error());
            params.add(requestedAt);
            params.add(startedAt);
            params.add(outcome.isDelivered() ? finishedAt : null);
            params.add(outcome.status().equals(RoleOutcome.FAILED) ? finishedAt : null);
            params.add(null);
            params.add(grant.requestId());
            params.add(grant.endDateTime());
            params.add(outcome.pimCommandId());
        }
        sql.append(" on conflict (assignment_id, role_id) do update set "
                + "access_package_id = excluded.access_package_id, role_display_name = excluded.role_display_name, "
                + "origin_system = excluded.origin_system, "
                + "resource_origin_id = excluded.resource_origin_id, role_origin_id = excluded.role_origin_id, "
                + "target_id = excluded.target_id, status = excluded.status, error = excluded.error, "
                + "started_at = excluded.started_at, delivered_at = excluded.delivered_at, "
                + "failed_at = excluded.failed_at, removed_at = null, request_id = excluded.request_id, "
                + "end_at = excluded.end_at, pim_command_id = excluded.pim_command_id");
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            return query.executeUpdate();
        });
    }

    /** The assignment's rows, in a stable order. */
    public Uni<List<DeliveryLedgerEntry>> ofAssignment(UUID assignmentId) {
        return list("key.assignmentId = ?1 order by roleDisplayName, key.roleId", assignmentId);
    }

    /** The row a pim-service answer is about. */
    public Uni<DeliveryLedgerEntry> byPimCommand(UUID commandId) {
        return find("pimCommandId", commandId).firstResult();
    }

    /**
     * The package's assignments that are in force here (a row delivered, failed or pending; a removed
     * assignment has only removed or pendingRemoval rows): assignment id, target, request and end.
     */
    public Uni<List<LiveAssignment>> liveAssignments(UUID accessPackageId) {
        return getSession().chain(session -> session.createQuery("select distinct e.key.assignmentId, e.targetId, "
                        + "e.requestId, e.endAt from DeliveryLedgerEntry e where e.accessPackageId = ?1 "
                        + "and e.status in ('delivered', 'failed', 'pending')", Object[].class)
                .setParameter(1, accessPackageId).getResultList())
                .map(rows -> rows.stream().map(r -> new LiveAssignment((UUID) r[0], (UUID) r[1], (UUID) r[2],
                        (Instant) r[3])).toList());
    }

    /** The package's rows for one resource role that still grant something (or are about to). */
    public Uni<List<DeliveryLedgerEntry>> holdersOf(UUID accessPackageId, UUID roleId) {
        return list("accessPackageId = ?1 and key.roleId = ?2 and status in ('delivered', 'failed', 'pending')",
                accessPackageId, roleId);
    }

    public record LiveAssignment(UUID assignmentId, UUID targetId, UUID requestId, Instant endAt) {
    }
}
