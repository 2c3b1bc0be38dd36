package dev.tessera.pim.roledefinition;

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

@ApplicationScoped
@WithSession
public class RoleDefinitionRepository implements PanacheRepositoryBase<RoleDefinition, String> {

    static final FieldMap FIELDS = FieldMap.builder()
            .string("id", "id")
            .string("templateId", "templateId")
            .string("displayName", "displayName")
            .bool("isBuiltIn", "builtIn")
            .bool("isEnabled", "enabled")
            .build();

    public Uni<List<RoleDefinition>> page(Optional<FilterExpr> filter, String afterId, int top) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("1 = 1");
        if (filter.isPresent()) {
            HqlFilter hql = FilterTranslator.toHql(filter.get(), FIELDS, 1);
            where.append(" and (").append(hql.where()).append(')');
            params.addAll(hql.params());
        }
        if (afterId != null) {
            params.add(afterId);
            where.append(" and id > ?").append(params.size());
        }
        return find(where + " order by id", params.toArray()).page(0, top + 1).list();
    }
}
