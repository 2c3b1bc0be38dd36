package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.GraphException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a {@code $filter} into tokens. Positions are 0-based offsets into the text as received.
 * A {@code +} outside a string is taken as a space: clients that form-encode the query send one.
 */
final class FilterLexer {

    enum Kind { NAME, STRING, NUMBER, GUID, DATETIME, OPEN, CLOSE, COMMA }

    /** {@code text} is the token as written (quotes included); {@code value} the literal it denotes, if any. */
    record Token(Kind kind, String text, Object value, int position) {
    }

    /** Far above any real filter; keeps a hostile one from costing more than a bad request. */
    static final int MAX_TOKENS = 1000;

    private static final String HEX = "[0-9a-fA-F]";
    private static final Pattern GUID = Pattern.compile(
            HEX + "{8}-" + HEX + "{4}-" + HEX + "{4}-" + HEX + "{4}-" + HEX + "{12}");
    // Lenient about the offset so that a missing one gets its own message rather than "unexpected token".
    private static final Pattern DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:[Zz]|[+-]\\d{2}:\\d{2})?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    private static final String SEGMENT = "[A-Za-z_$@][A-Za-z0-9_$@.]*";
    private static final Pattern NAME = Pattern.compile(SEGMENT + "(?:/" + SEGMENT + ")*");

    private final String text;
    private final List<Token> tokens = new ArrayList<>();

    private FilterLexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        return new FilterLexer(text).run();
    }

    private List<Token> run() {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                i++;
                continue;
            }
            if (tokens.size() == MAX_TOKENS) {
                throw GraphException.badRequest("Invalid $filter: the expression is too long (more than "
                        + MAX_TOKENS + " tokens).");
            }
            i = switch (c) {
                case '(' -> punctuation(Kind.OPEN, i);
                case ')' -> punctuation(Kind.CLOSE, i);
                case ',' -> punctuation(Kind.COMMA, i);
                case '\'' -> string(i);
                default -> bare(i);
            };
        }
        return tokens;
    }

    private int punctuation(Kind kind, int at) {
        tokens.add(new Token(kind, String.valueOf(text.charAt(at)), null, at));
        return at + 1;
    }

    private int string(int start) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                    continue;
                }
                tokens.add(new Token(Kind.STRING, text.substring(start, i + 1), value.toString(), start));
                return i + 1;
            }
            value.append(c);
            i++;
        }
        throw GraphException.badRequest("Invalid $filter: unterminated string starting at position " + start + ".");
    }

    /** A name, number, GUID or date-time, which must end where a token may end. */
    private int bare(int start) {
        // GUID first: one may begin with letters (like a name) or with digits (like a number).
        Matcher m = match(GUID, start);
        if (m != null) {
            return add(Kind.GUID, m, UUID.fromString(m.group()));
        }
        m = match(DATETIME, start);
        if (m != null) {
            return add(Kind.DATETIME, m, dateTime(m.group(), start));
        }
        m = match(NUMBER, start);
        if (m != null) {
            return add(Kind.NUMBER, m, new BigDecimal(m.group()));
        }
        m = match(NAME, start);
        if (m != null) {
            return add(Kind.NAME, m, null);
        }
        throw unexpected(start);
    }

    private Matcher match(Pattern pattern, int start) {
        Matcher m = pattern.matcher(text).region(start, text.length());
        boolean endsCleanly = m.lookingAt() && (m.end() == text.length() || isDelimiter(text.charAt(m.end())));
        return endsCleanly ? m : null;
    }

    private int add(Kind kind, Matcher m, Object value) {
        tokens.add(new Token(kind, m.group(), value, m.start()));
        return m.end();
    }

    private OffsetDateTime dateTime(String written, int start) {
        return Literals.dateTime(written).orElseThrow(() -> GraphException.badRequest("Invalid $filter: '" + written
                + "' at position " + start + " is not a valid date-time; write it like 2024-01-01T00:00:00Z"
                + " (an offset's '+' must be sent as %2B)."));
    }

    private GraphException unexpected(int start) {
        int end = start + 1;
        while (end < text.length() && !isDelimiter(text.charAt(end))) {
            end++;
        }
        String written = text.substring(start, end);
        if (DATE.matcher(written).matches()) {
            return GraphException.badRequest("Invalid $filter: '" + written + "' at position " + start
                    + " is a date without a time; write a date-time such as " + written + "T00:00:00Z.");
        }
        return GraphException.badRequest("Invalid $filter: unexpected token '" + written + "' at position "
                + start + ".");
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '+';
    }

    private static boolean isDelimiter(char c) {
        return isSpace(c) || c == '(' || c == ')' || c == ',' || c == '\'';
    }
}
