package dev.tessera.request.assignment;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.request.catalog.AssignmentAuthority;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
}
