package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.GraphException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates a {@link FilterExpr} into parameterised HQL. Values are always parameters, never
 * concatenated; property names must be declared in the {@link FieldMap}.
 */
public final class FilterTranslator {

    private static final Map<String, String> OPERATORS = Map.of(
            "eq", "=", "ne", "<>", "gt", ">", "ge", ">=", "lt", "<", "le", "<=");

    private final FieldMap fields;
    private final List<Object> params = new ArrayList<>();
    private final int firstParam;

    private FilterTranslator(FieldMap fields, int firstParam) {
        this.fields = fields;
        this.firstParam = firstParam;
    }

    public static HqlFilter toHql(FilterExpr expr, FieldMap fields, int firstParamIndex) {
        FilterTranslator translator = new FilterTranslator(fields, firstParamIndex);
        String where = translator.bool(expr);
        return new HqlFilter(where, List.copyOf(translator.params));
    }

    private String bool(FilterExpr expr) {
        if (expr instanceof FilterExpr.And and) {
            return "(" + bool(and.left()) + " and " + bool(and.right()) + ")";
        }
        if (expr instanceof FilterExpr.Or or) {
            return "(" + bool(or.left()) + " or " + bool(or.right()) + ")";
        }
        if (expr instanceof FilterExpr.Not not) {
            return "not (" + bool(not.operand()) + ")";
        }
        if (expr instanceof FilterExpr.Compare compare) {
            return compare(compare);
        }
        if (expr instanceof FilterExpr.In in) {
            return in(in);
        }
        if (expr instanceof FilterExpr.Call call && !call.name().startsWith("to")) {
            return like(call);
        }
        if (expr instanceof FilterExpr.Property property) {
            FieldMap.Field field = fields.require(property.joined());
            if (field.type() == FieldMap.Type.BOOLEAN) {
                return field.hqlPath() + " = true";
            }
        }
        throw GraphException.badRequest("Invalid $filter: the expression is not a condition.");
    }

    private String compare(FilterExpr.Compare compare) {
        FilterExpr left = compare.left();
        FilterExpr right = compare.right();
        if (left instanceof FilterExpr.Literal && !(right instanceof FilterExpr.Literal)) {
            FilterExpr swap = left;
            left = right;
            right = swap;
            compare = new FilterExpr.Compare(mirror(compare.op()), left, right);
        }
        if (!(right instanceof FilterExpr.Literal literal)) {
            throw GraphException.badRequest("Invalid $filter: a property must be compared with a literal value.");
        }
        Operand operand = operand(left);
        if (literal.value() == null) {
            return switch (compare.op()) {
                case "eq" -> operand.hql + " is null";
                case "ne" -> operand.hql + " is not null";
                default -> throw GraphException.badRequest("Invalid $filter: null can only be compared with eq or ne.");
            };
        }
        Object value = operand.field.convert(literal);
        if (operand.caseFunction != null && value instanceof String s) {
            value = operand.caseFunction.equals("lower") ? s.toLowerCase(java.util.Locale.ROOT)
                    : s.toUpperCase(java.util.Locale.ROOT);
        }
        return operand.hql + " " + OPERATORS.get(compare.op()) + " " + param(value);
    }

    private String in(FilterExpr.In in) {
        Operand operand = operand(in.operand());
        List<String> placeholders = new ArrayList<>();
        for (FilterExpr.Literal literal : in.values()) {
            placeholders.add(param(operand.field.convert(literal)));
        }
        return operand.hql + " in (" + String.join(", ", placeholders) + ")";
    }

    private String like(FilterExpr.Call call) {
        if (!(call.args().get(1) instanceof FilterExpr.Literal literal) || !(literal.value() instanceof String text)) {
            throw GraphException.badRequest("Invalid $filter: " + call.name() + " takes a string literal.");
        }
        Operand operand = operand(call.args().get(0));
        if (operand.field.type() != FieldMap.Type.STRING) {
            throw GraphException.badRequest("Invalid $filter: " + call.name() + " needs a string property.");
        }
        String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        if (operand.caseFunction != null) {
            escaped = operand.caseFunction.equals("lower") ? escaped.toLowerCase(java.util.Locale.ROOT)
                    : escaped.toUpperCase(java.util.Locale.ROOT);
        }
        String pattern = switch (call.name()) {
            case "contains" -> "%" + escaped + "%";
            case "startswith" -> escaped + "%";
            case "endswith" -> "%" + escaped;
            default -> throw GraphException.badRequest("Invalid $filter: unknown function '" + call.name() + "'.");
        };
        return operand.hql + " like " + param(pattern) + " escape '\\'";
    }

    /** A property, possibly wrapped in tolower/toupper. */
    private record Operand(String hql, FieldMap.Field field, String caseFunction) {
    }

    private Operand operand(FilterExpr expr) {
        if (expr instanceof FilterExpr.Property property) {
            FieldMap.Field field = fields.require(property.joined());
            return new Operand(field.hqlPath(), field, null);
        }
        if (expr instanceof FilterExpr.Call call && call.name().startsWith("to")) {
            Operand inner = operand(call.args().get(0));
            if (inner.field.type() != FieldMap.Type.STRING) {
                throw GraphException.badRequest("Invalid $filter: " + call.name() + " needs a string property.");
            }
            String function = call.name().equals("tolower") ? "lower" : "upper";
            return new Operand(function + "(" + inner.hql + ")", inner.field, function);
        }
        throw GraphException.badRequest("Invalid $filter: expected a property name.");
    }

    private String param(Object value) {
        params.add(value);
        return "?" + (firstParam + params.size() - 1);
    }

    private static String mirror(String op) {
        return switch (op) {
            case "gt" -> "lt";
            case "ge" -> "le";
            case "lt" -> "gt";
            case "le" -> "ge";
            default -> op;
        };
    }
}
