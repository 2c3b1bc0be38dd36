package dev.tessera.provisioning.group;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.FilterTranslator;
import dev.tessera.platform.graph.query.HqlFilter;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
@WithSession
public class GroupRepository implements PanacheRepositoryBase<DirectoryGroup, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .string("description", "description")
            .string("mailNickname", "mailNickname")
            .string("mail", "mail")
            .bool("mailEnabled", "mailEnabled")
            .bool("securityEnabled", "securityEnabled")
            .bool("isAssignableToRole", "assignableToRole")
            .string("visibility", "visibility")
            .build();

    /** Which of these ids are groups of the directory. */
    public Uni<Set<UUID>> existing(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return list("id in ?1", ids).map(groups -> groups.stream().map(g -> g.id).collect(Collectors.toSet()));
    }

    /** One keyset page, ordered by id: top + 1 rows, so the caller knows whether there is more. */
    public Uni<List<DirectoryGroup>> page(Optional<FilterExpr> filter, UUID after, int top) {
        Where where = where(filter);
        if (after != null) {
            where.params.add(after);
            where.text.append(" and id > ?").append(where.params.size());
        }
        return find(where.text + " order by id", where.params.toArray()).page(0, top + 1).list();
    }

    public Uni<Long> count(Optional<FilterExpr> filter) {
        Where where = where(filter);
        return count(where.text.toString(), where.params.toArray());
    }

    private static Where where(Optional<FilterExpr> filter) {
        Where where = new Where(new StringBuilder("1 = 1"), new ArrayList<>());
        filter.ifPresent(expr -> {
            HqlFilter hql = FilterTranslator.toHql(expr, FIELDS, 1);
            where.text.append(" and (").append(hql.where()).append(')');
            where.params.addAll(hql.params());
        });
        return where;
    }

    private record Where(StringBuilder text, List<Object> params) {
    }
}
