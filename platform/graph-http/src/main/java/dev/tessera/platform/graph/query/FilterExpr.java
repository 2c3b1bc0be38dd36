package dev.tessera.platform.graph.query;

import java.util.List;

/** The syntax tree of a Graph {@code $filter}. */
public sealed interface FilterExpr {

    record And(FilterExpr left, FilterExpr right) implements FilterExpr {
    }

    record Or(FilterExpr left, FilterExpr right) implements FilterExpr {
    }

    record Not(FilterExpr operand) implements FilterExpr {
    }

    /** {@code op} is one of eq, ne, gt, ge, lt, le. */
    record Compare(String op, FilterExpr left, FilterExpr right) implements FilterExpr {
    }

    record In(FilterExpr operand, List<Literal> values) implements FilterExpr {
    }

    /** A function call: contains, startswith, endswith, tolower, toupper. */
    record Call(String name, List<FilterExpr> args) implements FilterExpr {
    }

    /** A property path such as {@code accessPackage/id}. */
    record Property(List<String> path) implements FilterExpr {

        public String joined() {
            return String.join("/", path);
        }
    }

    /** A string, number, boolean, null, GUID or date-time literal. {@code quoted} tells strings apart. */
    record Literal(Object value, boolean quoted) implements FilterExpr {
    }
}
