package dev.tessera.provisioning.application;

import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.FilterTranslator;
import dev.tessera.platform.graph.query.HqlFilter;
import dev.tessera.provisioning.user.DirectoryUser;
import dev.tessera.provisioning.user.UserRepository;
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
public class ServicePrincipalOwnerRepository
        implements PanacheRepositoryBase<ServicePrincipalOwner, ServicePrincipalOwner.Key> {

    /** The users owning a service principal, keyset-paged by id (top + 1 rows). */
    public Uni<List<DirectoryUser>> users(UUID servicePrincipalId, Optional<FilterExpr> filter, UUID after,
            int top) {
        StringBuilder hql = new StringBuilder("from DirectoryUser where id in (select o.key.userId "
                + "from ServicePrincipalOwner o where o.key.servicePrincipalId = ?1)");
        List<Object> params = new ArrayList<>(List.of(servicePrincipalId));
        if (filter.isPresent()) {
            HqlFilter where = FilterTranslator.toHql(filter.get(), UserRepository.FIELDS, params.size() + 1);
            hql.append(" and (").append(where.where()).append(')');
            params.addAll(where.params());
        }
        if (after != null) {
            params.add(after);
            hql.append(" and id > ?").append(params.size());
        }
        hql.append(" order by id");
        return getSession().chain(session -> {
            var query = session.createQuery(hql.toString(), DirectoryUser.class);
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            return query.setMaxResults(top + 1).getResultList();
        });
    }
}
