package dev.tessera.provisioning.group;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.FilterTranslator;
import dev.tessera.platform.graph.query.HqlFilter;
import dev.tessera.provisioning.user.DirectoryUser;
import dev.tessera.provisioning.user.UserRepository;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Memberships and ownerships, one row per source; reads collapse the sources. */
@ApplicationScoped
@WithSession
public class MembershipRepository implements PanacheRepositoryBase<GroupMembership, GroupMembership.Key> {

    /** The sources through which a member holds its place in a group (empty: not there at all). */
    public Uni<List<String>> sources(UUID groupId, UUID memberId, Relationship relationship) {
        return list("key.groupId = ?1 and key.memberId = ?2 and key.relationship = ?3 order by key.source",
                groupId, memberId, relationship.value())
                .map(rows -> rows.stream().map(row -> row.key.source).toList());
    }

    /** The places this member holds, through any source, among the given groups. */
    public Uni<Set<GroupLink>> links(UUID memberId, Collection<UUID> groupIds) {
        if (groupIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return getSession().chain(session -> session.createQuery(
                        "select distinct m.key.groupId, m.key.relationship from GroupMembership m "
                                + "where m.key.memberId = ?1 and m.key.groupId in ?2", Object[].class)
                .setParameter(1, memberId)
                .setParameter(2, List.copyOf(groupIds))
                .getResultList())
                .map(rows -> {
                    Set<GroupLink> links = new HashSet<>();
                    for (Object[] row : rows) {
                        links.add(new GroupLink((UUID) row[0], Relationship.ofValue((String) row[1])));
                    }
                    return links;
                });
    }

    /** Every member's and owner's place in the group, whatever its sources (each place once). */
    public Uni<List<Object[]>> places(UUID groupId) {
        return getSession().chain(session -> session.createQuery(
                        "select distinct m.key.memberId, m.key.relationship from GroupMembership m "
                                + "where m.key.groupId = ?1 order by m.key.memberId", Object[].class)
                .setParameter(1, groupId)
                .getResultList());
    }

    /**
     * Adds one source for each place in one statement; a place already held through this source is
     * left alone, so a re-sent delivery or a repeated add changes nothing. Returns the rows added.
     */
    public Uni<Integer> insertIgnoringExisting(UUID memberId, Collection<GroupLink> links, String source,
            Instant at) {
        if (links.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        StringBuilder sql = new StringBuilder(
                "insert into group_membership (group_id, member_id, relationship, source, created_at) values ");
        List<Object> params = new ArrayList<>();
        for (GroupLink link : links) {
            if (!params.isEmpty()) {
                sql.append(", ");
            }
            sql.append('(');
            for (Object value : new Object[] {link.groupId(), memberId, link.relationship().value(), source, at}) {
                params.add(value);
                sql.append(params.size() % 5 == 1 ? "" : ", ").append('?').append(params.size());
            }
            sql.append(')');
        }
        sql.append(" on conflict do nothing");
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            return query.executeUpdate();
        });
    }

    /** Removes every place this source granted; returns what it removed. */
    public Uni<List<GroupMembership>> deleteSource(String source) {
        return list("key.source", source).call(rows -> rows.isEmpty() ? Uni.createFrom().voidItem()
                : delete("key.source", source));
    }

    /** The groups in which the member holds the relationship directly (a $ref add). */
    public Uni<List<UUID>> directGroups(UUID memberId, Relationship relationship) {
        return list("key.memberId = ?1 and key.relationship = ?2 and key.source = ?3 order by key.groupId",
                memberId, relationship.value(), GroupMembership.DIRECT)
                .map(rows -> rows.stream().map(row -> row.key.groupId).toList());
    }

    public Uni<Long> deleteOne(UUID groupId, UUID memberId, Relationship relationship, String source) {
        return delete("key.groupId = ?1 and key.memberId = ?2 and key.relationship = ?3 and key.source = ?4",
                groupId, memberId, relationship.value(), source);
    }

    /** Distinct users holding the relationship in the group, keyset-paged by id (top + 1 rows). */
    public Uni<List<DirectoryUser>> users(UUID groupId, Relationship relationship, Optional<FilterExpr> filter,
            UUID after, int top) {
        List<Object> params = new ArrayList<>(List.of(groupId, relationship.value()));
        StringBuilder hql = new StringBuilder("from DirectoryUser where id in (select m.key.memberId "
                + "from GroupMembership m where m.key.groupId = ?1 and m.key.relationship = ?2"
                + afterInSubquery("m.key.memberId", params, after) + ")");
        appendPage(hql, params, filter, UserRepository.FIELDS, after);
        return page(hql, params, DirectoryUser.class, top);
    }

    /** Distinct groups the user is a member of, keyset-paged by id (top + 1 rows). */
    public Uni<List<DirectoryGroup>> groups(UUID memberId, Optional<FilterExpr> filter, UUID after, int top) {
        List<Object> params = new ArrayList<>(List.of(memberId, Relationship.MEMBER.value()));
        StringBuilder hql = new StringBuilder("from DirectoryGroup where id in (select m.key.groupId "
                + "from GroupMembership m where m.key.memberId = ?1 and m.key.relationship = ?2"
                + afterInSubquery("m.key.groupId", params, after) + ")");
        appendPage(hql, params, filter, GroupRepository.FIELDS, after);
        return page(hql, params, DirectoryGroup.class, top);
    }

    /**
     * The page's "after the last key" inside the membership subquery too: PostgreSQL does not carry
     * {@code id > ?} of the outer query through the semi-join, so without it every later page of a
     * 100,000-member group read the group's memberships from the first one on (45 ms on the last
     * page, 0.7 ms with it; docs/benchmarks.md "Reads at a million rows"). Same rows: it only
     * repeats the outer condition on the joined column.
     */
    private static String afterInSubquery(String path, List<Object> params, UUID after) {
        if (after == null) {
            return "";
        }
        params.add(after);
        return " and " + path + " > ?" + params.size();
    }

    private static void appendPage(StringBuilder hql, List<Object> params, Optional<FilterExpr> filter,
            FieldMap fields, UUID after) {
        if (filter.isPresent()) {
            HqlFilter where = FilterTranslator.toHql(filter.get(), fields, params.size() + 1);
            hql.append(" and (").append(where.where()).append(')');
            params.addAll(where.params());
        }
        if (after != null) {
            params.add(after);
            hql.append(" and id > ?").append(params.size());
        }
        hql.append(" order by id");
    }

    private <T> Uni<List<T>> page(StringBuilder hql, List<Object> params, Class<T> type, int top) {
        return getSession().chain(session -> {
            var query = session.createQuery(hql.toString(), type);
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            return query.setMaxResults(top + 1).getResultList();
        });
    }
}
