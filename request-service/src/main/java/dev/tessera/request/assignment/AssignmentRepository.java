package dev.tessera.request.assignment;

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
public class AssignmentRepository implements PanacheRepositoryBase<Assignment, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .enumeration("state", "state", AssignmentState.class)
            .uuid("accessPackage/id", "accessPackageId")
            .uuid("assignmentPolicy/id", "assignmentPolicyId")
            .uuid("target/objectId", "targetObjectId")
            .dateTime("expiredDateTime", "expiredAt")
            .build();

    /** One keyset page (top + 1 rows, so the caller knows whether there is more). */
    public Uni<List<Assignment>> page(Optional<FilterExpr> filter, Optional<UUID> onlyTarget, UUID after, int top) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("1 = 1");
        if (filter.isPresent()) {
            HqlFilter hql = FilterTranslator.toHql(filter.get(), FIELDS, 1);
            where.append(" and (").append(hql.where()).append(')');
            params.addAll(hql.params());
        }
        onlyTarget.ifPresent(target -> {
            params.add(target);
            where.append(" and targetObjectId = ?").append(params.size());
        });
        if (after != null) {
            params.add(after);
            where.append(" and id > ?").append(params.size());
        }
        return find(where + " order by id", params.toArray()).page(0, top + 1).list();
    }
}
