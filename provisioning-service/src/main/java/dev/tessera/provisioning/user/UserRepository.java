package dev.tessera.provisioning.user;

import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.FilterTranslator;
import dev.tessera.platform.graph.query.HqlFilter;
import dev.tessera.platform.graph.query.Keyset;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class UserRepository implements PanacheRepositoryBase<DirectoryUser, UUID> {

    /** The user properties {@code $filter} understands, on /users and on group member lists. */
    public static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .string("userPrincipalName", "userPrincipalName")
            .string("mail", "mail")
            .string("mailNickname", "mailNickname")
            .string("givenName", "givenName")
            .string("surname", "surname")
            .string("department", "department")
            .string("jobTitle", "jobTitle")
            .string("employeeId", "employeeId")
            .enumeration("userType", "userType", UserType.class)
            .bool("accountEnabled", "accountEnabled")
            .build();

    /** A user by object id or, as Graph allows in /users/{id-or-upn}, by userPrincipalName. */
    public Uni<DirectoryUser> findByIdOrUpn(String idOrUpn) {
        if (Ids.isGuid(idOrUpn)) {
            return findById(UUID.fromString(idOrUpn));
        }
        return find("lower(userPrincipalName) = ?1", idOrUpn.toLowerCase(Locale.ROOT)).firstResult();
    }

    /** Other users already holding this userPrincipalName or mailNickname (case-insensitive). */
    public Uni<List<DirectoryUser>> holdersOf(String userPrincipalName, String mailNickname, UUID except) {
        return list("(lower(userPrincipalName) = ?1 or lower(mailNickname) = ?2) and id <> ?3",
                lower(userPrincipalName), lower(mailNickname), except);
    }

    public Uni<Boolean> exists(UUID id) {
        return count("id", id).map(n -> n > 0);
    }

    /**
     * One keyset page, ordered by id: top + 1 rows, so the caller knows whether there is more.
     * {@code only}, when not null, is the one user the caller may see.
     */
    public Uni<List<DirectoryUser>> page(Optional<FilterExpr> filter, UUID only, UUID after, int top) {
        Keyset keyset = visible(filter, only).after("id", after);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    public Uni<Long> count(Optional<FilterExpr> filter, UUID only) {
        Keyset keyset = visible(filter, only);
        return count(keyset.where(), keyset.params());
    }

    /**
     * One keyset page (top + 1 rows, ordered by id) of the users whose ids the HQL subquery
     * {@code idsQuery} selects (its parameters ?1… are {@code idsParams}), under the caller's
     * {@code $filter}: the members of a site role, the owners of a service principal.
     */
    public Uni<List<DirectoryUser>> pageAmong(String idsQuery, List<Object> idsParams, Optional<FilterExpr> filter,
            UUID after, int top) {
        StringBuilder hql = new StringBuilder("from DirectoryUser where id in (" + idsQuery + ")");
        List<Object> params = new ArrayList<>(idsParams);
        if (filter.isPresent()) {
            HqlFilter where = FilterTranslator.toHql(filter.get(), FIELDS, params.size() + 1);
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

    private static Keyset visible(Optional<FilterExpr> filter, UUID only) {
        Keyset keyset = Keyset.where(filter, FIELDS);
        return only == null ? keyset : keyset.eq("id", only);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
