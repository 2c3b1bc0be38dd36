package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.query.Conditions.Comparison;
import dev.tessera.platform.graph.query.Conditions.Match;
import dev.tessera.platform.graph.query.Conditions.Membership;
import dev.tessera.platform.graph.query.Conditions.Target;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.function.Function;

/**
 * Evaluates a filter against one entity in memory, with OData's logic: comparisons are true or
 * false even on null, functions of null are unknown ({@code null}), and unknown does not match.
 * That is what the HQL translation gives in SQL, so a list filters the same either way.
 */
final class FilterEvaluator {

    private final FieldMap fields;
    private final Function<String, Object> valueOf;

    private FilterEvaluator(FieldMap fields, Function<String, Object> valueOf) {
        this.fields = fields;
        this.valueOf = valueOf;
    }

    static boolean matches(FilterExpr expr, FieldMap fields, Function<String, Object> valueOf) {
        return Boolean.TRUE.equals(new FilterEvaluator(fields, valueOf).condition(expr));
    }

    private Boolean condition(FilterExpr expr) {
        if (expr instanceof FilterExpr.And and) {
            Boolean left = condition(and.left());
            Boolean right = condition(and.right());
            if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
                return false;
            }
            return left == null || right == null ? null : true;
        }
        if (expr instanceof FilterExpr.Or or) {
            Boolean left = condition(or.left());
            Boolean right = condition(or.right());
            if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
                return true;
            }
            return left == null || right == null ? null : false;
        }
        if (expr instanceof FilterExpr.Not not) {
            Boolean operand = condition(not.operand());
            return operand == null ? null : !operand;
        }
        if (expr instanceof FilterExpr.Compare compare) {
            return comparison(Conditions.comparison(compare, fields));
        }
        if (expr instanceof FilterExpr.In in) {
            return membership(Conditions.membership(in, fields));
        }
        if (expr instanceof FilterExpr.Call call && call.function().isCondition()) {
            return match(Conditions.match(call, fields));
        }
        if (expr instanceof FilterExpr.Property property) {
            return (Boolean) valueOf.apply(Conditions.flag(property, fields).graphName());
        }
        throw Conditions.notACondition(expr);
    }

    private boolean comparison(Comparison comparison) {
        Object actual = value(comparison.target());
        Object expected = comparison.value();
        if (actual == null || expected == null) {
            boolean same = actual == expected;
            return switch (comparison.op()) {
                case EQ -> same;
                case NE -> !same;
                default -> false;
            };
        }
        return switch (comparison.op()) {
            case EQ -> equal(actual, expected);
            case NE -> !equal(actual, expected);
            case GT -> order(actual, expected) > 0;
            case GE -> order(actual, expected) >= 0;
            case LT -> order(actual, expected) < 0;
            case LE -> order(actual, expected) <= 0;
        };
    }

    private boolean membership(Membership membership) {
        Object actual = value(membership.target());
        return actual != null && membership.values().stream().anyMatch(v -> equal(actual, v));
    }

    private Boolean match(Match match) {
        Object actual = value(match.target());
        if (actual == null) {
            return null;
        }
        String text = actual.toString();
        return switch (match.function()) {
            case CONTAINS -> text.contains(match.text());
            case STARTSWITH -> text.startsWith(match.text());
            case ENDSWITH -> text.endsWith(match.text());
            default -> throw new IllegalStateException("not a match function: " + match.function());
        };
    }

    private Object value(Target target) {
        return target.fold(normalise(valueOf.apply(target.field().graphName())));
    }

    private static boolean equal(Object actual, Object expected) {
        Object a = normalise(actual);
        Object e = normalise(expected);
        if (a instanceof BigDecimal x && e instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a.equals(e);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int order(Object actual, Object expected) {
        Object a = normalise(actual);
        Object e = normalise(expected);
        if (a instanceof BigDecimal x && e instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof Comparable c && a.getClass() == e.getClass()) {
            return c.compareTo(e);
        }
        throw new IllegalArgumentException("valueOf gave a " + a.getClass().getSimpleName()
                + " where the filter compares with a " + e.getClass().getSimpleName());
    }

    /** Entities may hold a Long where the filter has an Integer, or a String where it has an enum constant. */
    private static Object normalise(Object value) {
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Number n && !(value instanceof BigDecimal)) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof OffsetDateTime at) {
            return at.toInstant();
        }
        return value;
    }
}
