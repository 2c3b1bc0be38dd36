package dev.tessera.platform.graph.query;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The syntax tree of a Graph {@code $filter}, as {@link FilterParser} builds it. It says nothing
 * about which properties exist or what types they have: {@link FieldMap} and
 * {@link FilterTranslator} judge that, so one parsed filter can be checked against any entity.
 */
public sealed interface FilterExpr {

    /** The comparison operators, with the HQL each becomes. */
    enum Op {
        EQ("="), NE("<>"), GT(">"), GE(">="), LT("<"), LE("<=");

        private final String hql;

        Op(String hql) {
            this.hql = hql;
        }

        public String hql() {
            return hql;
        }

        /** The keyword as written in a filter: {@code eq}, {@code ne}, ... */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean isOrdering() {
            return this != EQ && this != NE;
        }

        /** The operator that keeps the meaning when the operands swap sides: {@code 3 lt x} is {@code x gt 3}. */
        public Op mirrored() {
            return switch (this) {
                case GT -> LT;
                case GE -> LE;
                case LT -> GT;
                case LE -> GE;
                default -> this;
            };
        }

        public static Optional<Op> of(String keyword) {
            for (Op op : values()) {
                if (op.keyword().equalsIgnoreCase(keyword)) {
                    return Optional.of(op);
                }
            }
            return Optional.empty();
        }
    }

    /** The functions of the supported subset; the first three are conditions, the case functions yield strings. */
    enum Function {
        CONTAINS(2), STARTSWITH(2), ENDSWITH(2), TOLOWER(1), TOUPPER(1);

        private final int arity;

        Function(int arity) {
            this.arity = arity;
        }

        public int arity() {
            return arity;
        }

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean isCondition() {
            return this == CONTAINS || this == STARTSWITH || this == ENDSWITH;
        }

        public static Optional<Function> of(String name) {
            for (Function function : values()) {
                if (function.keyword().equalsIgnoreCase(name)) {
                    return Optional.of(function);
                }
            }
            return Optional.empty();
        }
    }

    record And(FilterExpr left, FilterExpr right) implements FilterExpr {
    }

    record Or(FilterExpr left, FilterExpr right) implements FilterExpr {
    }

    record Not(FilterExpr operand) implements FilterExpr {
    }

    record Compare(Op op, FilterExpr left, FilterExpr right) implements FilterExpr {
    }

    /** {@code operand in (v1, v2, ...)}; the list is never empty. */
    record In(FilterExpr operand, List<Literal> values) implements FilterExpr {

        public In {
            values = List.copyOf(values);
        }
    }

    record Call(Function function, List<FilterExpr> args) implements FilterExpr {

        public Call {
            args = List.copyOf(args);
        }
    }

    /** A property, or a navigation path such as {@code accessPackage/id}, as written (case kept). */
    record Property(List<String> path) implements FilterExpr {

        public Property {
            path = List.copyOf(path);
        }

        public String joined() {
            return String.join("/", path);
        }
    }

    /**
     * A literal. The value's Java type records how it was written: {@code String} (quoted),
     * {@code java.math.BigDecimal} (number), {@code Boolean}, {@code java.util.UUID} (bare GUID),
     * {@code java.time.OffsetDateTime} (bare date-time), or {@code null}.
     */
    record Literal(Object value) implements FilterExpr {
    }
}
