package dev.tessera.platform.graph.query;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** Date-time reading and how literals are shown back to the client in error messages. */
final class Literals {

    private Literals() {
    }

    /**
     * ISO-8601 with {@code Z} or an offset, seconds optional, 0 to 9 fraction digits. A missing
     * offset is refused rather than guessed: the same text means different instants per server.
     */
    static Optional<OffsetDateTime> dateTime(String text) {
        try {
            // RFC 3339 allows a lower-case 't' and 'z'; java.time only reads upper case.
            return Optional.of(OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A literal as the client would write it: strings quoted, everything else bare. */
    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (value instanceof BigDecimal n) {
            return n.toPlainString();
        }
        return value.toString();
    }
}
