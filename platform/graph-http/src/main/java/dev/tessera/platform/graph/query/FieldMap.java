package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Graph properties a list can be filtered on, each mapped to an HQL path and a type that
 * converts and checks literals. Names are matched case-insensitively (docs write
 * {@code target/objectid}).
 */
public final class FieldMap {

    public enum Type { STRING, UUID, ENUM, BOOLEAN, DATETIME, INT }

    /** One filterable property: its HQL path and how a literal becomes a query parameter. */
    public record Field(String graphName, String hqlPath, Type type, Function<Object, Object> converter) {

        Object convert(FilterExpr.Literal literal) {
            if (literal.value() == null) {
                return null;
            }
            return converter.apply(literal.value());
        }
    }

    private final Map<String, Field> fields;

    private FieldMap(Map<String, Field> fields) {
        this.fields = fields;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Field> find(String graphPath) {
        return Optional.ofNullable(fields.get(graphPath.toLowerCase(Locale.ROOT)));
    }

    public Field require(String graphPath) {
        return find(graphPath).orElseThrow(() -> GraphException.badRequest(
                "Invalid $filter: property '" + graphPath + "' is not filterable here."));
    }

    public static final class Builder {

        private final Map<String, Field> fields = new LinkedHashMap<>();

        public Builder string(String graphName, String hqlPath) {
            return add(graphName, hqlPath, Type.STRING, v -> {
                if (!(v instanceof String s)) {
                    throw typeMismatch(graphName, "a string");
                }
                return s;
            });
        }

        public Builder uuid(String graphName, String hqlPath) {
            return add(graphName, hqlPath, Type.UUID, v -> {
                if (!(v instanceof String s) || !Ids.isGuid(s)) {
                    throw GraphException.badRequest("Invalid $filter: '" + v + "' is not a valid id for '"
                            + graphName + "'.");
                }
                return UUID.fromString(s);
            });
        }

        /** An enum stored as its camelCase member name (a String attribute). */
        public Builder enumeration(String graphName, String hqlPath, List<String> values) {
            return add(graphName, hqlPath, Type.ENUM, v -> matchEnum(graphName, v, values));
        }

        /** An enum attribute mapped as a Java enum whose constants are the Graph member names. */
        public <E extends Enum<E>> Builder enumeration(String graphName, String hqlPath, Class<E> type) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            return add(graphName, hqlPath, Type.ENUM, v -> Enum.valueOf(type, matchEnum(graphName, v, names)));
        }

        public Builder bool(String graphName, String hqlPath) {
            return add(graphName, hqlPath, Type.BOOLEAN, v -> {
                if (v instanceof Boolean b) {
                    return b;
                }
                throw typeMismatch(graphName, "true or false");
            });
        }

        public Builder dateTime(String graphName, String hqlPath) {
            return add(graphName, hqlPath, Type.DATETIME, v -> parseInstant(graphName, String.valueOf(v)));
        }

        public Builder integer(String graphName, String hqlPath) {
            return add(graphName, hqlPath, Type.INT, v -> {
                if (v instanceof BigDecimal n) {
                    try {
                        return n.intValueExact();
                    } catch (ArithmeticException e) {
                        throw typeMismatch(graphName, "an integer");
                    }
                }
                throw typeMismatch(graphName, "a number");
            });
        }

        private Builder add(String graphName, String hqlPath, Type type, Function<Object, Object> converter) {
            fields.put(graphName.toLowerCase(Locale.ROOT), new Field(graphName, hqlPath, type, converter));
            return this;
        }

        public FieldMap build() {
            return new FieldMap(Map.copyOf(fields));
        }
    }

    private static String matchEnum(String graphName, Object value, List<String> values) {
        if (value instanceof String s) {
            for (String candidate : values) {
                if (candidate.equalsIgnoreCase(s)) {
                    return candidate;
                }
            }
        }
        throw GraphException.badRequest("Invalid $filter: '" + value + "' is not a valid value for '" + graphName
                + "'; allowed values: " + values.stream().collect(Collectors.joining(", ")) + ".");
    }

    static Instant parseInstant(String graphName, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw GraphException.badRequest("Invalid $filter: '" + text + "' is not a date-time for '"
                        + graphName + "'.");
            }
        }
    }

    private static GraphException typeMismatch(String graphName, String expected) {
        return GraphException.badRequest("Invalid $filter: '" + graphName + "' must be compared with " + expected + ".");
    }
}
