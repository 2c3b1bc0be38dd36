package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.query.Conditions.Comparison;
import dev.tessera.platform.graph.query.Conditions.Match;
import dev.tessera.platform.graph.query.Conditions.Membership;
import dev.tessera.platform.graph.query.FilterExpr.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Translates a {@link FilterExpr} into a parameterised HQL condition. Values only ever travel as
 * positional parameters; the HQL text holds nothing but declared paths, operators and {@code ?N}.
 *
 * <p>OData comparisons are two-valued ({@code null eq 'a'} is false, {@code null ne 'a'} is true),
 * SQL ones are three-valued (both unknown). So {@code ne} also takes nulls, and under a {@code not}
 * comparisons are guarded with {@code is not null} so that the negation of "unknown" does not drop
 * rows OData would keep.
 */
public final class FilterTranslator {

    private final FieldMap fields;
    private final int firstParam;
    private final List<Object> params = new ArrayList<>();

    private FilterTranslator(FieldMap fields, int firstParam) {
        this.fields = fields;
        this.firstParam = firstParam;
    }

    /** {@code firstParamIndex} lets the caller put its own parameters before the filter's. */
    public static HqlFilter toHql(FilterExpr expr, FieldMap fields, int firstParamIndex) {
        if (firstParamIndex < 1) {
            throw new IllegalArgumentException("Positional parameters start at 1, not " + firstParamIndex);
        }
        FilterTranslator translator = new FilterTranslator(fields, firstParamIndex);
        String where = translator.condition(expr, false);
        return new HqlFilter(where, List.copyOf(translator.params));
    }

    /**
     * Whether an entity held in memory passes the filter, with the same checks and null rules as
     * {@link #toHql}. {@code valueOf} gets a property's declared Graph name and returns the value
     * of the type the field converts literals to (UUID, Instant, String, enum constant, ...).
     */
    public static boolean matches(FilterExpr expr, FieldMap fields, Function<String, Object> valueOf) {
        return FilterEvaluator.matches(expr, fields, valueOf);
    }

    private String condition(FilterExpr expr, boolean negated) {
        if (expr instanceof FilterExpr.And and) {
            return "(" + condition(and.left(), negated) + " and " + condition(and.right(), negated) + ")";
        }
        if (expr instanceof FilterExpr.Or or) {
            return "(" + condition(or.left(), negated) + " or " + condition(or.right(), negated) + ")";
        }
        if (expr instanceof FilterExpr.Not not) {
            return "not (" + condition(not.operand(), true) + ")";
        }
        if (expr instanceof FilterExpr.Compare compare) {
            return comparison(Conditions.comparison(compare, fields), negated);
        }
        if (expr instanceof FilterExpr.In in) {
            return membership(Conditions.membership(in, fields), negated);
        }
        if (expr instanceof FilterExpr.Call call && call.function().isCondition()) {
            return match(Conditions.match(call, fields));
        }
        if (expr instanceof FilterExpr.Property property) {
            return Conditions.flag(property, fields).hqlPath() + " = true";
        }
        throw Conditions.notACondition(expr);
    }

    private String comparison(Comparison comparison, boolean negated) {
        String path = comparison.target().hql();
        Op op = comparison.op();
        if (comparison.value() == null) {
            return path + (op == Op.EQ ? " is null" : " is not null");
        }
        String test = path + " " + op.hql() + " " + param(comparison.value());
        if (op == Op.NE) {
            return "(" + test + " or " + path + " is null)";
        }
        return negated ? "(" + path + " is not null and " + test + ")" : test;
    }

    private String membership(Membership membership, boolean negated) {
        String path = membership.target().hql();
        List<String> placeholders = membership.values().stream().map(this::param).toList();
        String test = path + " in (" + String.join(", ", placeholders) + ")";
        return negated ? "(" + path + " is not null and " + test + ")" : test;
    }

    private String match(Match match) {
        // The client's text is literal: its own % _ and \ must not act as wildcards.
        String text = match.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        String pattern = switch (match.function()) {
            case CONTAINS -> "%" + text + "%";
            case STARTSWITH -> text + "%";
            case ENDSWITH -> "%" + text;
            default -> throw new IllegalStateException("not a match function: " + match.function());
        };
        return match.target().hql() + " like " + param(pattern) + " escape '\\'";
    }

    private String param(Object value) {
        params.add(value);
        return "?" + (firstParam + params.size() - 1);
    }
}
