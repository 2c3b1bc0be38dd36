package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.GraphException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Renames the property paths of a query option, leaving everything else as written: string literals,
 * operators, numbers, GUIDs, option names such as {@code $expand=}. Used by the beta edge (docs/beta.md)
 * to turn beta property names into v1.0 ones before the v1.0 parser reads the option.
 */
public final class ODataNames {

    private ODataNames() {
    }

    /**
     * A {@code $filter}: every name token the {@link FilterLexer} finds is passed to {@code rename}
     * (which returns it unchanged when it is no property it knows, e.g. {@code eq}). A filter the lexer
     * refuses is returned unchanged, so the v1.0 endpoint answers its own 400.
     */
    public static String renameFilter(String filter, UnaryOperator<String> rename) {
        if (filter == null || filter.isEmpty()) {
            return filter;
        }
        List<FilterLexer.Token> tokens;
        try {
            tokens = FilterLexer.tokenize(filter);
        } catch (GraphException e) {
            return filter;
        }
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (FilterLexer.Token token : tokens) {
            if (token.kind() != FilterLexer.Kind.NAME) {
                continue;
            }
            out.append(filter, copied, token.position()).append(rename.apply(token.text()));
            copied = token.position() + token.text().length();
        }
        return out.append(filter.substring(copied)).toString();
    }

    /**
     * {@code $select}, {@code $orderby}, {@code $expand} (with nested options): every property path outside
     * a quoted string, and not an option name ({@code $filter=}) nor an operator-like word after a path in
     * {@code $orderby} ({@code asc}/{@code desc} pass through {@code rename} unchanged), is passed to
     * {@code rename}. Nested {@code $filter}s are renamed the same way.
     */
    public static String renamePaths(String text, UnaryOperator<String> rename) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < text.length()) {
                    if (text.charAt(end) == '\'') {
                        if (end + 1 < text.length() && text.charAt(end + 1) == '\'') {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                end = Math.min(end + 1, text.length());
                out.append(text, i, end);
                i = end;
            } else if (c == '$') {
                int end = i + 1;
                while (end < text.length() && isNamePart(text.charAt(end))) {
                    end++;
                }
                out.append(text, i, end);
                i = end;
            } else if (isNameStart(c)) {
                int end = i;
                while (end < text.length() && (isNamePart(text.charAt(end)) || text.charAt(end) == '/'
                        || text.charAt(end) == '.')) {
                    end++;
                }
                out.append(rename.apply(text.substring(i, end)));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i;
                while (end < text.length() && (isNamePart(text.charAt(end)) || text.charAt(end) == '-'
                        || text.charAt(end) == '.' || text.charAt(end) == ':')) {
                    end++;
                }
                out.append(text, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '@';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@';
    }
}
