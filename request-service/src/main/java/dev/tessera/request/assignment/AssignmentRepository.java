package dev.tessera.request.assignment;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.request.catalog.AssignmentAuthority;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class AssignmentRepository implements PanacheRepositoryBase<Assignment, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .enumeration("state", "state", AssignmentState.class)
            .uuid("accessPackage/id", "accessPackageId")
            .uuid("assignmentPolicy/id", "assignmentPolicyId")
            .uuid("target/objectId", "targetObjectId")
            .dateTime("expiredDateTime", "expiredAt")
            .build();

    /** Assignments created by requests this user made (filterByCurrentUser(on='createdBy')). */
    public Uni<List<Assignment>> pageCreatedBy(Optional<FilterExpr> filter, UUID requestor, UUID after, int top) {
        Keyset keyset = Keyset.where(filter, FIELDS);
        keyset.inSubquery("id", "select r.assignmentId from AssignmentRequest r where r.requestorObjectId = ?", requestor);
        keyset.after("id", after);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    /** One keyset page of what the caller may see: everything, or their own and their managed packages' assignments. */
    public Uni<List<Assignment>> page(Optional<FilterExpr> filter, AssignmentAuthority.Visibility visible, UUID after,
            int top) {
        Keyset keyset = Keyset.where(filter, FIELDS);
        if (!visible.all()) {
            keyset.eqAnyOrInAny(List.of("targetObjectId"), visible.self(), visible.ins());
        }
        keyset.after("id", after);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    /**
     * The user's assignments (filterByCurrentUser(on='target')): by object id, or of a subject they asked
     * for themselves as an external requestor ({@code subjects}).
     */
    public Uni<List<Assignment>> pageTarget(Optional<FilterExpr> filter, UUID user, List<UUID> subjects, UUID after,
            int top) {
        Keyset keyset = Keyset.where(filter, FIELDS);
        keyset.eqAnyOrIn(List.of("targetObjectId"), user, "targetSubject.id", subjects);
        keyset.after("id", after);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    /** One keyset page (top + 1 rows, so the caller knows whether there is more). */
    public Uni<List<Assignment>> page(Optional<FilterExpr> filter, Optional<UUID> onlyTarget, UUID after, int top) {
        Keyset keyset = Keyset.where(filter, FIELDS);
        onlyTarget.ifPresent(target -> keyset.eq("targetObjectId", target));
        keyset.after("id", after);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    /** The CSV export's columns of one assignment, read without loading the entity. */
    public record ExportRow(UUID id, UUID accessPackageId, String accessPackageName, UUID catalogId,
            UUID assignmentPolicyId, UUID targetObjectId, AssignmentState state, String status, Instant startAt,
            Instant endAt, String expirationType, String duration, Instant expiredAt, Instant createdAt,
            String targetDisplayName, String targetPrincipalName, String targetEmail) {
    }

    static final String EXPORT_COLUMNS = "select id, accessPackageId, accessPackageName, catalogId, assignmentPolicyId, "
            + "targetObjectId, state, status, startAt, endAt, expirationType, duration, expiredAt, createdAt, "
            + "targetDisplayName, targetPrincipalName, targetEmail from Assignment where ";

    /**
     * One keyset chunk of the CSV export (top + 1 rows): the same rows, order and visibility as
     * {@link #page(Optional, AssignmentAuthority.Visibility, UUID, int)}, but only the CSV's columns, as a
     * projection (no managed entities, no persistence-context bookkeeping, no eager load of the subject).
     */
    public Uni<List<ExportRow>> exportChunk(Optional<FilterExpr> filter, AssignmentAuthority.Visibility visible,
            UUID after, int top) {
        Keyset keyset = Keyset.where(filter, FIELDS);
        if (!visible.all()) {
            keyset.eqAnyOrInAny(List.of("targetObjectId"), visible.self(), visible.ins());
        }
        keyset.after("id", after);
        Object[] params = keyset.params();
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(EXPORT_COLUMNS + keyset.query("id"), Object[].class);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.setMaxResults(top + 1).getResultList();
        }).map(AssignmentRepository::exportRows);
    }

    private static List<ExportRow> exportRows(List<Object[]> tuples) {
        List<ExportRow> rows = new ArrayList<>(tuples.size());
        for (Object[] t : tuples) {
            rows.add(new ExportRow((UUID) t[0], (UUID) t[1], (String) t[2], (UUID) t[3], (UUID) t[4], (UUID) t[5],
                    (AssignmentState) t[6], (String) t[7], (Instant) t[8], (Instant) t[9], (String) t[10],
                    (String) t[11], (Instant) t[12], (Instant) t[13],
                    (String) t[14], (String) t[15], (String) t[16]));
        }
        return rows;
    }
}
