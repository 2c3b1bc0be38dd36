package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.GraphException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for the Graph {@code $filter} subset: {@code or} binds loosest, then
 * {@code and}, then {@code not}, then comparisons; functions contains / startswith / endswith /
 * tolower / toupper; {@code in (...)}; navigation paths.
 */
public final class FilterParser {

    static final Set<String> COMPARISONS = Set.of("eq", "ne", "gt", "ge", "lt", "le");
    static final Set<String> FUNCTIONS = Set.of("contains", "startswith", "endswith", "tolower", "toupper");

    private final List<FilterLexer.Token> tokens;
    private int pos;

    private FilterParser(List<FilterLexer.Token> tokens) {
        this.tokens = tokens;
    }

    public static FilterExpr parse(String filter) {
        if (filter == null || filter.isBlank()) {
            throw GraphException.badRequest("Invalid $filter: the expression is empty.");
        }
        FilterParser parser = new FilterParser(FilterLexer.tokenize(filter));
        FilterExpr expr = parser.or();
        if (!parser.atEnd()) {
            throw parser.unexpected();
        }
        return expr;
    }

    private FilterExpr or() {
        FilterExpr left = and();
        while (keyword("or")) {
            left = new FilterExpr.Or(left, and());
        }
        return left;
    }

    private FilterExpr and() {
        FilterExpr left = not();
        while (keyword("and")) {
            left = new FilterExpr.And(left, not());
        }
        return left;
    }

    private FilterExpr not() {
        if (keyword("not")) {
            return new FilterExpr.Not(not());
        }
        return comparison();
    }

    private FilterExpr comparison() {
        FilterExpr left = operand();
        FilterLexer.Token next = peek();
        if (next != null && next.kind() == FilterLexer.Kind.WORD) {
            String op = next.text().toLowerCase(Locale.ROOT);
            if (COMPARISONS.contains(op)) {
                pos++;
                return new FilterExpr.Compare(op, left, operand());
            }
            if (op.equals("in")) {
                pos++;
                return new FilterExpr.In(left, literalList());
            }
        }
        return left;
    }

    private List<FilterExpr.Literal> literalList() {
        expect(FilterLexer.Kind.OPEN, "'('");
        List<FilterExpr.Literal> values = new ArrayList<>();
        do {
            FilterExpr value = operand();
            if (!(value instanceof FilterExpr.Literal literal)) {
                throw GraphException.badRequest("Invalid $filter: 'in' takes a list of literals.");
            }
            values.add(literal);
        } while (accept(FilterLexer.Kind.COMMA));
        expect(FilterLexer.Kind.CLOSE, "')'");
        return values;
    }

    private FilterExpr operand() {
        FilterLexer.Token token = peek();
        if (token == null) {
            throw GraphException.badRequest("Invalid $filter: the expression ends unexpectedly.");
        }
        pos++;
        switch (token.kind()) {
            case OPEN -> {
                FilterExpr inner = or();
                expect(FilterLexer.Kind.CLOSE, "')'");
                return inner;
            }
            case STRING -> {
                return new FilterExpr.Literal(token.text(), true);
            }
            case NUMBER -> {
                return new FilterExpr.Literal(new BigDecimal(token.text()), false);
            }
            case WORD -> {
                return word(token);
            }
            default -> {
                pos--;
                throw unexpected();
            }
        }
    }

    private FilterExpr word(FilterLexer.Token token) {
        String text = token.text();
        String lower = text.toLowerCase(Locale.ROOT);
        if (peek() != null && peek().kind() == FilterLexer.Kind.OPEN) {
            if (!FUNCTIONS.contains(lower)) {
                throw GraphException.badRequest("Invalid $filter: unknown function '" + text + "' at position "
                        + token.position() + ".");
            }
            pos++;
            List<FilterExpr> args = new ArrayList<>();
            if (!accept(FilterLexer.Kind.CLOSE)) {
                do {
                    args.add(or());
                } while (accept(FilterLexer.Kind.COMMA));
                expect(FilterLexer.Kind.CLOSE, "')'");
            }
            int arity = lower.startsWith("to") ? 1 : 2;
            if (args.size() != arity) {
                throw GraphException.badRequest("Invalid $filter: " + lower + " takes " + arity + " argument(s).");
            }
            return new FilterExpr.Call(lower, args);
        }
        switch (lower) {
            case "null" -> {
                return new FilterExpr.Literal(null, false);
            }
            case "true", "false" -> {
                return new FilterExpr.Literal(Boolean.valueOf(lower), false);
            }
            default -> {
                if (FilterLexer.looksLikeGuidOrDate(text)) {
                    return new FilterExpr.Literal(text, false);
                }
                if (COMPARISONS.contains(lower) || lower.equals("and") || lower.equals("or") || lower.equals("not")) {
                    pos--;
                    throw unexpected();
                }
                return new FilterExpr.Property(List.of(text.split("/")));
            }
        }
    }

    private boolean keyword(String word) {
        FilterLexer.Token token = peek();
        if (token != null && token.kind() == FilterLexer.Kind.WORD && token.text().equalsIgnoreCase(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean accept(FilterLexer.Kind kind) {
        FilterLexer.Token token = peek();
        if (token != null && token.kind() == kind) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(FilterLexer.Kind kind, String what) {
        if (!accept(kind)) {
            FilterLexer.Token token = peek();
            throw GraphException.badRequest("Invalid $filter: expected " + what
                    + (token == null ? " at the end." : " at position " + token.position() + "."));
        }
    }

    private FilterLexer.Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean atEnd() {
        return pos >= tokens.size();
    }

    private GraphException unexpected() {
        FilterLexer.Token token = peek();
        return GraphException.badRequest(token == null ? "Invalid $filter: the expression ends unexpectedly."
                : "Invalid $filter: unexpected token '" + token.text() + "' at position " + token.position() + ".");
    }
}
