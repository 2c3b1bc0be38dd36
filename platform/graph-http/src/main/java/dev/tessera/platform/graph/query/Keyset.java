package dev.tessera.platform.graph.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the HQL of one keyset page: the client's {@code $filter}, the service's own conditions
 * (scope, visibility) and "after the last key", all as positional parameters.
 */
public final class Keyset {

    private final StringBuilder where = new StringBuilder("1 = 1");
    private final List<Object> params = new ArrayList<>();

    private Keyset() {
    }

    public static Keyset where(Optional<FilterExpr> filter, FieldMap fields) {
        Keyset keyset = new Keyset();
        filter.ifPresent(expr -> {
            HqlFilter hql = FilterTranslator.toHql(expr, fields, 1);
            keyset.where.append(" and (").append(hql.where()).append(')');
            keyset.params.addAll(hql.params());
        });
        return keyset;
    }

    public Keyset eq(String hqlPath, Object value) {
        params.add(value);
        where.append(" and ").append(hqlPath).append(" = ?").append(params.size());
        return this;
    }

    public Keyset isNull(String hqlPath) {
        where.append(" and ").append(hqlPath).append(" is null");
        return this;
    }

    /** The path is at most the value, e.g. a start time not after now. */
    public Keyset atMost(String hqlPath, Object value) {
        params.add(value);
        where.append(" and ").append(hqlPath).append(" <= ?").append(params.size());
        return this;
    }

    /** Either path equals the value, e.g. requests a user made or that are for them. */
    public Keyset eitherEq(String firstPath, String secondPath, Object value) {
        params.add(value);
        int n = params.size();
        where.append(" and (").append(firstPath).append(" = ?").append(n).append(" or ").append(secondPath)
                .append(" = ?").append(n).append(')');
        return this;
    }

    /** The path is among a subquery's values; the one {@code ?} in the subquery stands for the value. */
    public Keyset inSubquery(String hqlPath, String subquery, Object value) {
        params.add(value);
        where.append(" and ").append(hqlPath).append(" in (").append(subquery.replace("?", "?" + params.size()))
                .append(')');
        return this;
    }

    /**
     * One of the paths equals the value, or the last path is among the values: e.g. a user's own
     * rows, or those of the access packages they manage. No values: the paths alone.
     */
    public Keyset eqAnyOrIn(List<String> paths, Object value, String inPath, java.util.Collection<?> values) {
        return eqAnyOrInAny(paths, value, java.util.Map.of(inPath, values));
    }

    /**
     * One of the paths equals the value, or a path of {@code ins} is among its values (a path with no
     * values is left out): e.g. a user's own rows, those of the subjects they asked for themselves as,
     * or those of the access packages they manage. Iterates {@code ins} in its order.
     */
    public Keyset eqAnyOrInAny(List<String> paths, Object value, java.util.Map<String, ? extends java.util.Collection<?>> ins) {
        params.add(value);
        int n = params.size();
        where.append(" and (");
        for (int i = 0; i < paths.size(); i++) {
            where.append(i == 0 ? "" : " or ").append(paths.get(i)).append(" = ?").append(n);
        }
        ins.forEach((inPath, values) -> {
            if (!values.isEmpty()) {
                params.add(List.copyOf(values));
                where.append(" or ").append(inPath).append(" in ?").append(params.size());
            }
        });
        where.append(')');
        return this;
    }

    /** Rows after the last key of the previous page; nothing when there was none. */
    public Keyset after(String hqlPath, Object lastKey) {
        if (lastKey != null) {
            params.add(lastKey);
            where.append(" and ").append(hqlPath).append(" > ?").append(params.size());
        }
        return this;
    }

    /** The condition alone, e.g. for a {@code $count}. */
    public String where() {
        return where.toString();
    }

    public String query(String orderBy) {
        return where + " order by " + orderBy;
    }

    public Object[] params() {
        return params.toArray();
    }
}
