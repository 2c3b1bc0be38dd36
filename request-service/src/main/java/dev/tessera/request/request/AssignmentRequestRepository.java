package dev.tessera.request.request;

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
public class AssignmentRequestRepository implements PanacheRepositoryBase<AssignmentRequest, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .enumeration("state", "state", RequestState.class)
            .enumeration("requestType", "requestType", RequestType.class)
            .uuid("accessPackage/id", "accessPackageId")
            .uuid("assignment/id", "assignmentId")
            .uuid("requestor/objectId", "requestorObjectId")
            .dateTime("createdDateTime", "createdAt")
            .dateTime("completedDateTime", "completedAt")
            .build();

    /** One keyset page; {@code onlyFor} limits non-admins to requests they made or that target them. */
    public Uni<List<AssignmentRequest>> page(Optional<FilterExpr> filter, Optional<UUID> onlyFor, UUID after,
            int top) {
        return page(filter, onlyFor, Mine.targetOrRequestor, after, top);
    }

    /** One keyset page of what the caller may see: everything, or their own and their managed packages' requests. */
    public Uni<List<AssignmentRequest>> page(Optional<FilterExpr> filter, AssignmentAuthority.Visibility visible,
            UUID after, int top) {
        Keyset keyset = Keyset.where(filter, FIELDS);
        if (!visible.all()) {
            keyset.eqAnyOrInAny(List.of("requestorObjectId", "targetObjectId"), visible.self(), visible.ins());
        }
        keyset.after("id", after);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    /** Whose requests {@code filterByCurrentUser} means: made for the caller, by the caller, or either. */
    public enum Mine { target, createdBy, targetOrRequestor }

    /**
     * The caller's requests: {@code subjects} are those they asked for themselves as an external
     * requestor (the requests for them are "for" the caller, whatever their object id).
     */
    public Uni<List<AssignmentRequest>> page(Optional<FilterExpr> filter, UUID user, List<UUID> subjects, Mine mine,
            UUID after, int top) {
        Keyset keyset = Keyset.where(filter, FIELDS);
        switch (mine) {
            case target -> keyset.eqAnyOrIn(List.of("targetObjectId"), user, "targetSubject.id", subjects);
            case createdBy -> keyset.eq("requestorObjectId", user);
            default -> keyset.eqAnyOrIn(List.of("requestorObjectId", "targetObjectId"), user, "targetSubject.id",
                    subjects);
        }
        keyset.after("id", after);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    public Uni<List<AssignmentRequest>> page(Optional<FilterExpr> filter, Optional<UUID> onlyFor, Mine mine,
            UUID after, int top) {
        Keyset keyset = Keyset.where(filter, FIELDS);
        onlyFor.ifPresent(user -> {
            switch (mine) {
                case target -> keyset.eq("targetObjectId", user);
                case createdBy -> keyset.eq("requestorObjectId", user);
                default -> keyset.eitherEq("requestorObjectId", "targetObjectId", user);
            }
        });
        keyset.after("id", after);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }
}
