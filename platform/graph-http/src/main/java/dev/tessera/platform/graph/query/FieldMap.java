package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The Graph properties a list can be filtered on, each mapped to an HQL path and a type that checks
 * and converts the literals it is compared with. Names are matched case-insensitively because the
 * Graph docs themselves write {@code target/objectid} as well as {@code target/objectId}.
 */
public final class FieldMap {

    public enum Type { STRING, UUID, ENUM, BOOLEAN, DATETIME, INT }

    /** One filterable property. */
    public static final class Field {

        private final String graphName;
        private final String hqlPath;
        private final Type type;
        private final List<String> allowedValues;
        private final Function<Object, Object> converter;

        private Field(String graphName, String hqlPath, Type type, List<String> allowedValues,
                Function<Object, Object> converter) {
            this.graphName = graphName;
            this.hqlPath = hqlPath;
            this.type = type;
            this.allowedValues = List.copyOf(allowedValues);
            this.converter = converter;
        }

        public String graphName() {
            return graphName;
        }

        public String hqlPath() {
            return hqlPath;
        }

        public Type type() {
            return type;
        }

        /** The canonical member names of an ENUM field; empty for other types. */
        public List<String> allowedValues() {
            return allowedValues;
        }

        /**
         * The query parameter for a literal's value (see {@link FilterExpr.Literal}); a 400 when the
         * literal does not fit this field. Null is the caller's business ({@code is null}).
         */
        public Object convert(Object literalValue) {
            return converter.apply(literalValue);
        }

        @Override
        public String toString() {
            return graphName + " -> " + hqlPath + " (" + type + ")";
        }
    }

    private final Map<String, Field> fields;

    private FieldMap(Map<String, Field> fields) {
        this.fields = fields;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Field> find(String graphName) {
        return Optional.ofNullable(fields.get(graphName.toLowerCase(Locale.ROOT)));
    }

    /** The field, or a 400 that lists what can be filtered on. */
    public Field require(String graphName) {
        return find(graphName).orElseThrow(() -> GraphException.badRequest("Invalid $filter: property '"
                + graphName + "' is not filterable here; filterable properties: " + String.join(", ", names()) + "."));
    }

    /** The declared Graph names, in declaration order. */
    public List<String> names() {
        return fields.values().stream().map(Field::graphName).toList();
    }

    public static final class Builder {

        private final Map<String, Field> fields = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder string(String graphName, String hqlPath) {
            return add(graphName, hqlPath, Type.STRING, List.of(), v -> {
                if (v instanceof String s) {
                    return s;
                }
                throw mismatch(graphName, "a string in quotes", v);
            });
        }

        /** A GUID id, quoted or bare; the parameter is a {@link UUID}. */
        public Builder uuid(String graphName, String hqlPath) {
            return add(graphName, hqlPath, Type.UUID, List.of(), v -> {
                if (v instanceof UUID id) {
                    return id;
                }
                if (v instanceof String s && Ids.isGuid(s)) {
                    return UUID.fromString(s);
                }
                throw GraphException.badRequest("Invalid $filter: " + Literals.show(v) + " is not a valid id for '"
                        + graphName + "'.");
            });
        }

        /** An enum stored as its camelCase member name; the parameter is that canonical name. */
        public Builder enumeration(String graphName, String hqlPath, List<String> members) {
            if (members.isEmpty()) {
                throw new IllegalArgumentException("An enumeration needs members: " + graphName);
            }
            return add(graphName, hqlPath, Type.ENUM, members, v -> member(graphName, v, members));
        }

        /** An enum mapped as a Java enum whose constants are the Graph member names; the parameter is the constant. */
        public <E extends Enum<E>> Builder enumeration(String graphName, String hqlPath, Class<E> type) {
            List<String> members = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            return add(graphName, hqlPath, Type.ENUM, members,
                    v -> Enum.valueOf(type, member(graphName, v, members)));
        }

        public Builder bool(String graphName, String hqlPath) {
            return add(graphName, hqlPath, Type.BOOLEAN, List.of(), v -> {
                if (v instanceof Boolean b) {
                    return b;
                }
                throw mismatch(graphName, "true or false", v);
            });
        }

        /** A point in time; bare or quoted ISO-8601 with Z or an offset; the parameter is an {@link java.time.Instant}. */
        public Builder dateTime(String graphName, String hqlPath) {
            return add(graphName, hqlPath, Type.DATETIME, List.of(), v -> {
                if (v instanceof OffsetDateTime at) {
                    return at.toInstant();
                }
                if (v instanceof String s) {
                    Optional<OffsetDateTime> at = Literals.dateTime(s);
                    if (at.isPresent()) {
                        return at.get().toInstant();
                    }
                }
                throw GraphException.badRequest("Invalid $filter: " + Literals.show(v)
                        + " is not a valid date-time for '" + graphName + "'; write it like 2024-01-01T00:00:00Z.");
            });
        }

        /** A 32-bit whole number; the parameter is an {@link Integer}. */
        public Builder integer(String graphName, String hqlPath) {
            return add(graphName, hqlPath, Type.INT, List.of(), v -> {
                if (v instanceof BigDecimal n) {
                    try {
                        return n.intValueExact();
                    } catch (ArithmeticException e) {
                        // a fraction or out of range: same answer below
                    }
                }
                throw mismatch(graphName, "a whole number", v);
            });
        }

        public FieldMap build() {
            return new FieldMap(Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
        }

        private Builder add(String graphName, String hqlPath, Type type, List<String> members,
                Function<Object, Object> converter) {
            Field field = new Field(graphName, hqlPath, type, members, converter);
            if (fields.putIfAbsent(graphName.toLowerCase(Locale.ROOT), field) != null) {
                throw new IllegalArgumentException("Property declared twice: " + graphName);
            }
            return this;
        }
    }

    private static String member(String graphName, Object value, List<String> members) {
        if (value instanceof String s) {
            for (String member : members) {
                if (member.equalsIgnoreCase(s)) {
                    return member;
                }
            }
        }
        throw GraphException.badRequest("Invalid $filter: " + Literals.show(value) + " is not a valid value for '"
                + graphName + "'; allowed values: " + String.join(", ", members) + ".");
    }

    private static GraphException mismatch(String graphName, String expected, Object value) {
        return GraphException.badRequest("Invalid $filter: '" + graphName + "' must be compared with " + expected
                + ", not " + Literals.show(value) + ".");
    }
}
