package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.query.FilterExpr.Function;
import dev.tessera.platform.graph.query.FilterExpr.Op;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The leaves of a filter checked against a {@link FieldMap}: which field, which operator, which
 * converted values. Both the HQL translation and the in-memory evaluation start from here, so they
 * accept and refuse exactly the same filters.
 */
final class Conditions {

    /** Types with a meaningful order; ids, enums and booleans only compare for (in)equality. */
    private static final Set<FieldMap.Type> ORDERED = EnumSet.of(FieldMap.Type.STRING, FieldMap.Type.DATETIME,
            FieldMap.Type.INT);

    private Conditions() {
    }

    /** A property, possibly inside {@code tolower}/{@code toupper} (then {@code fold} is that function). */
    record Target(FieldMap.Field field, Function fold) {

        String hql() {
            if (fold == null) {
                return field.hqlPath();
            }
            return (fold == Function.TOLOWER ? "lower(" : "upper(") + field.hqlPath() + ")";
        }

        /**
         * Folds a string the way the property is folded. Applied to literals too, so that
         * {@code tolower(displayName) eq 'Mark'} finds "MARK": that is what the client means,
         * and a comparison that can never match helps nobody.
         */
        Object fold(Object value) {
            if (fold == null || !(value instanceof String s)) {
                return value;
            }
            return fold == Function.TOLOWER ? s.toLowerCase(Locale.ROOT) : s.toUpperCase(Locale.ROOT);
        }
    }

    /** {@code target op value}; a null value (only with eq or ne) means "is null" / "is not null". */
    record Comparison(Target target, Op op, Object value) {
    }

    record Membership(Target target, List<Object> values) {
    }

    /** contains / startswith / endswith, with the (folded) text to look for. */
    record Match(Target target, Function function, String text) {
    }

    static Comparison comparison(FilterExpr.Compare compare, FieldMap fields) {
        FilterExpr left = compare.left();
        FilterExpr right = compare.right();
        Op op = compare.op();
        if (left instanceof FilterExpr.Literal && right instanceof FilterExpr.Literal) {
            throw bad(describe(left) + " " + op.keyword() + " " + describe(right)
                    + " compares two literals; one side must be a property.");
        }
        if (left instanceof FilterExpr.Literal) {
            FilterExpr swap = left;
            left = right;
            right = swap;
            op = op.mirrored();
        }
        if (!(right instanceof FilterExpr.Literal literal)) {
            throw bad(describe(left) + " " + op.keyword() + " " + describe(right)
                    + " is not supported; a property can only be compared with a literal value.");
        }
        Target target = target(left, fields);
        if (literal.value() == null) {
            if (op.isOrdering()) {
                throw bad("null can only be compared with eq or ne, not " + op.keyword() + ".");
            }
            return new Comparison(target, op, null);
        }
        FieldMap.Type type = target.field().type();
        if (op.isOrdering() && !ORDERED.contains(type)) {
            throw bad("'" + op.keyword() + "' is not supported on '" + target.field().graphName() + "' ("
                    + type.name().toLowerCase(Locale.ROOT) + "); use eq or ne.");
        }
        return new Comparison(target, op, target.fold(target.field().convert(literal.value())));
    }

    static Membership membership(FilterExpr.In in, FieldMap fields) {
        Target target = target(in.operand(), fields);
        List<Object> values = new ArrayList<>();
        for (FilterExpr.Literal literal : in.values()) {
            if (literal.value() == null) {
                throw bad("null cannot be in an 'in' list; use '" + target.field().graphName() + " eq null'.");
            }
            values.add(target.fold(target.field().convert(literal.value())));
        }
        return new Membership(target, values);
    }

    static Match match(FilterExpr.Call call, FieldMap fields) {
        String name = call.function().keyword();
        if (!(call.args().get(1) instanceof FilterExpr.Literal literal) || !(literal.value() instanceof String text)) {
            throw bad(name + " takes a property and a string in quotes, e.g. " + name + "(displayName,'text').");
        }
        Target target = target(call.args().get(0), fields);
        requireString(target.field(), name);
        return new Match(target, call.function(), (String) target.fold(text));
    }

    /** A boolean property standing alone as a condition: {@code isHidden}, {@code not isHidden}. */
    static FieldMap.Field flag(FilterExpr.Property property, FieldMap fields) {
        FieldMap.Field field = fields.require(property.joined());
        if (field.type() != FieldMap.Type.BOOLEAN) {
            throw notACondition(property);
        }
        return field;
    }

    static GraphException notACondition(FilterExpr expr) {
        return bad(describe(expr) + " is not a condition; compare it with a value, e.g. displayName eq 'text'.");
    }

    private static Target target(FilterExpr expr, FieldMap fields) {
        if (expr instanceof FilterExpr.Property property) {
            return new Target(fields.require(property.joined()), null);
        }
        if (expr instanceof FilterExpr.Call call && !call.function().isCondition()) {
            Target inner = target(call.args().get(0), fields);
            requireString(inner.field(), call.function().keyword());
            return new Target(inner.field(), call.function());
        }
        throw bad("expected a property, found " + describe(expr) + ".");
    }

    private static void requireString(FieldMap.Field field, String function) {
        if (field.type() != FieldMap.Type.STRING) {
            throw bad(function + " needs a string property; '" + field.graphName() + "' is not one.");
        }
    }

    private static String describe(FilterExpr expr) {
        if (expr instanceof FilterExpr.Property property) {
            return "'" + property.joined() + "'";
        }
        if (expr instanceof FilterExpr.Literal literal) {
            return Literals.show(literal.value());
        }
        if (expr instanceof FilterExpr.Call call) {
            return call.function().keyword() + "(...)";
        }
        return "a condition";
    }

    private static GraphException bad(String message) {
        return GraphException.badRequest("Invalid $filter: " + message);
    }
}
