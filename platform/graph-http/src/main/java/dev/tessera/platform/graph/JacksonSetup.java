package dev.tessera.platform.graph;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Graph JSON rules: enums accepted in any case (docs send {@code "AdminAdd"}, clients send
 * {@code "adminAdd"}) and written exactly as declared; dates as ISO strings; unknown properties
 * such as {@code @odata.type} ignored; date-times read as Graph clients write them ({@link GraphInstants}).
 * <p>
 * As strict as Graph about what a body is (issue 15): one JSON document and nothing after it; a string
 * where a string is declared (no number or boolean turned into one), a number or boolean only from a JSON
 * number or boolean (no {@code "5"}, {@code "true"}, {@code 1} for {@code true}, {@code 1.5} for an
 * integer); enums by name, never by ordinal; and no string (also inside free-form JSON properties) holding
 * a control character Tessera never stores ({@link GraphText}). Each refusal is a 400 naming the property.
 */
@Singleton
public class JacksonSetup implements ObjectMapperCustomizer {

    /** After Quarkus' own customizer, which registers the Java time module: the last registration wins. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    @SuppressWarnings("deprecation")
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, false);
        mapper.configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("graph-date-time").addDeserializer(Instant.class, new GraphInstants()));
        mapper.registerModule(new SimpleModule("graph-strings")
                .addDeserializer(String.class, new CheckedString())
                .addDeserializer(JsonNode.class, new CheckedTree<>(JsonNode.class))
                .addDeserializer(ObjectNode.class, new CheckedTree<>(ObjectNode.class))
                .addDeserializer(ArrayNode.class, new CheckedTree<>(ArrayNode.class)));
    }

    /** The property the parser is on, e.g. {@code questions[0].text}; empty at the root. */
    static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static JsonMappingException controlCharacter(JsonParser parser, String property) {
        String shown = property.isEmpty() ? "(body)" : property;
        String message = GraphText.controlCharacterMessage(shown);
        return JsonMappingException.from(parser, message, GraphException.invalidField(shown, message));
    }

    /** Strings only from JSON strings, and none with a control character Tessera never stores. */
    static final class CheckedString extends StdScalarDeserializer<String> {

        CheckedString() {
            super(String.class);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getText();
            if (GraphText.hasControlCharacter(text)) {
                throw controlCharacter(parser, pathOf(parser.getParsingContext()));
            }
            return text;
        }
    }

    /** Free-form JSON (policy rules, settings kept as documents): read as Jackson does, then checked. */
    static final class CheckedTree<T extends JsonNode> extends StdDeserializer<T> {

        private final JsonDeserializer<? extends JsonNode> delegate;

        CheckedTree(Class<T> type) {
            super(type);
            this.delegate = JsonNodeDeserializer.getDeserializer(type);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            T node = (T) delegate.deserialize(parser, context);
            String bad = find(node, pathOf(parser.getParsingContext()));
            if (bad != null) {
                throw controlCharacter(parser, bad);
            }
            return node;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T getNullValue(DeserializationContext context) throws JsonMappingException {
            return (T) delegate.getNullValue(context);
        }

        @Override
        public LogicalType logicalType() {
            return delegate.logicalType();
        }

        @Override
        public boolean isCachable() {
            return true;
        }

        /** The path of the first string (or property name) with a control character, or null. */
        private static String find(JsonNode node, String path) {
            if (node == null) {
                return null;
            }
            if (node.isTextual()) {
                return GraphText.hasControlCharacter(node.textValue()) ? path : null;
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    String bad = find(node.get(i), path + "[" + i + "]");
                    if (bad != null) {
                        return bad;
                    }
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                    if (GraphText.hasControlCharacter(field.getKey())) {
                        return path.isEmpty() ? "(property name)" : path;
                    }
                    String bad = find(field.getValue(), child);
                    if (bad != null) {
                        return bad;
                    }
                }
            }
            return null;
        }
    }
}
