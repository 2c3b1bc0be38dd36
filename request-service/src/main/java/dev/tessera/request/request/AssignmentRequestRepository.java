package dev.tessera.request.request;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.FilterTranslator;
import dev.tessera.platform.graph.query.HqlFilter;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
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
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("1 = 1");
        if (filter.isPresent()) {
            HqlFilter hql = FilterTranslator.toHql(filter.get(), FIELDS, 1);
            where.append(" and (").append(hql.where()).append(')');
            params.addAll(hql.params());
        }
        onlyFor.ifPresent(user -> {
            params.add(user);
            int n = params.size();
            where.append(" and (requestorObjectId = ?").append(n).append(" or targetObjectId = ?").append(n)
                    .append(')');
        });
        if (after != null) {
            params.add(after);
            where.append(" and id > ?").append(params.size());
        }
        return find(where + " order by id", params.toArray()).page(0, top + 1).list();
    }
}
