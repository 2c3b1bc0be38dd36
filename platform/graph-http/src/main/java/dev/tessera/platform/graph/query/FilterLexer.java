package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.GraphException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits a {@code $filter} into tokens. A {@code +} outside a string is a space (form encoding). */
final class FilterLexer {

    enum Kind { WORD, STRING, NUMBER, OPEN, CLOSE, COMMA }

    record Token(Kind kind, String text, int position) {
    }

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})?)?");

    private FilterLexer() {
    }

    static boolean looksLikeGuidOrDate(String text) {
        return GUID.matcher(text).matches() || DATE.matcher(text).matches();
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '+') {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "(", i++));
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")", i++));
            } else if (c == ',') {
                tokens.add(new Token(Kind.COMMA, ",", i++));
            } else if (c == '\'') {
                i = string(text, i, tokens);
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                i = numberOrWord(text, i, tokens);
            } else if (Character.isLetter(c) || c == '_' || c == '@' || c == '$') {
                int start = i;
                while (i < text.length() && isWordChar(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), start));
            } else {
                throw GraphException.badRequest("Invalid $filter: unexpected character '" + c + "' at position " + i + ".");
            }
        }
        return tokens;
    }

    private static int string(String text, int start, List<Token> tokens) {
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
                tokens.add(new Token(Kind.STRING, value.toString(), start));
                return i + 1;
            }
            value.append(c);
            i++;
        }
        throw GraphException.badRequest("Invalid $filter: unterminated string starting at position " + start + ".");
    }

    /** Numbers, but also bare GUIDs and dates, which start with digits. */
    private static int numberOrWord(String text, int start, List<Token> tokens) {
        int i = start + 1;
        while (i < text.length() && (isWordChar(text.charAt(i)) || text.charAt(i) == ':' || text.charAt(i) == '.'
                || text.charAt(i) == '+' && looksLikeOffset(text, i))) {
            i++;
        }
        String word = text.substring(start, i);
        if (word.matches("-?\\d+(\\.\\d+)?")) {
            tokens.add(new Token(Kind.NUMBER, word, start));
        } else if (looksLikeGuidOrDate(word)) {
            tokens.add(new Token(Kind.WORD, word, start));
        } else {
            throw GraphException.badRequest("Invalid $filter: unexpected token '" + word + "' at position " + start + ".");
        }
        return i;
    }

    private static boolean looksLikeOffset(String text, int i) {
        return i + 3 < text.length() && Character.isDigit(text.charAt(i + 1)) && Character.isDigit(text.charAt(i + 2))
                && text.charAt(i + 3) == ':';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '/' || c == '-' || c == '.' || c == '@' || c == '$';
    }
}
