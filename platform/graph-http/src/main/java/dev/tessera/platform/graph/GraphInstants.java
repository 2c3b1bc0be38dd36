package dev.tessera.platform.graph;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads a Graph {@code DateTimeOffset} as clients send it: with or without seconds and fraction
 * ({@code 2024-01-01T00:00Z} is what the Java SDK writes when the seconds are zero), with any
 * offset, or without one (taken as UTC, as the SDK's own parser does). Years 0000 and 10000 and beyond
 * are refused, as Graph does.
 */
public final class GraphInstants extends StdScalarDeserializer<Instant> {

    /** Graph's (and .NET's) DateTimeOffset range: years 0001 to 9999. */
    static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** Whether {@code instant} is a DateTimeOffset Graph accepts (years 0001 to 9999). */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }

    GraphInstants() {
        super(Instant.class);
    }

    static Instant parse(String text) {
        String trimmed = text.trim();
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
        }
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        String text = parser.getText();
        if (text.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = parse(text);
        } catch (DateTimeParseException e) {
            return (Instant) context.handleWeirdStringValue(Instant.class, text,
                    "not an ISO 8601 date and time such as 2024-01-01T00:00:00Z");
        }
        if (!inRange(instant)) {
            return (Instant) context.handleWeirdStringValue(Instant.class, text,
                    "outside Graph's DateTimeOffset range 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
        }
        return instant;
    }
}
