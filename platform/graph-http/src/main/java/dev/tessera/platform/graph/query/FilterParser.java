package dev.tessera.platform.graph.query;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.query.FilterExpr.Function;
import dev.tessera.platform.graph.query.FilterExpr.Op;
import dev.tessera.platform.graph.query.FilterLexer.Kind;
import dev.tessera.platform.graph.query.FilterLexer.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser for the Graph {@code $filter} subset. Loosest to tightest:
 *
 * <pre>
 * or         := and ('or' and)*
 * and        := not ('and' not)*
 * not        := 'not' not | comparison
 * comparison := operand (('eq'|'ne'|'gt'|'ge'|'lt'|'le') operand | 'in' '(' literal (',' literal)* ')')?
 * operand    := '(' or ')' | function '(' args ')' | literal | property
 * </pre>
 *
 * Keywords and function names are case-insensitive. Every mistake is a 400 naming the position.
 */
public final class FilterParser {

    /** Parentheses, {@code not}s and calls nested this deep are not a real filter. */
    static final int MAX_DEPTH = 64;

    private static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "eq", "ne", "gt", "ge", "lt", "le");

    private final List<Token> tokens;
    private int pos;
    private int depth;

    private FilterParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static FilterExpr parse(String filter) {
        List<Token> tokens = filter == null ? List.of() : FilterLexer.tokenize(filter);
        if (tokens.isEmpty()) {
            throw GraphException.badRequest("Invalid $filter: the expression is empty.");
        }
        FilterParser parser = new FilterParser(tokens);
        FilterExpr expr = parser.or();
        Token extra = parser.peek();
        if (extra != null && extra.kind() == Kind.CLOSE) {
            throw GraphException.badRequest("Invalid $filter: unbalanced parentheses: unexpected ')' at position "
                    + extra.position() + ".");
        }
        if (extra != null) {
            throw unexpected(extra);
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
        if (!keyword("not")) {
            return comparison();
        }
        enter();
        FilterExpr operand = not();
        depth--;
        return new FilterExpr.Not(operand);
    }

    private FilterExpr comparison() {
        FilterExpr left = operand();
        Token next = peek();
        if (next == null || next.kind() != Kind.NAME) {
            return left;
        }
        if (next.text().equalsIgnoreCase("in")) {
            pos++;
            return new FilterExpr.In(left, literalList(next));
        }
        Optional<Op> op = Op.of(next.text());
        if (op.isEmpty()) {
            return left;
        }
        pos++;
        return new FilterExpr.Compare(op.get(), left, operand());
    }

    private List<FilterExpr.Literal> literalList(Token in) {
        Token open = next();
        if (open == null || open.kind() != Kind.OPEN) {
            throw GraphException.badRequest("Invalid $filter: expected '(' after 'in' at position " + in.position()
                    + ".");
        }
        List<FilterExpr.Literal> values = new ArrayList<>();
        do {
            Token start = peek();
            if (!(operand() instanceof FilterExpr.Literal literal)) {
                throw GraphException.badRequest("Invalid $filter: 'in' takes a list of literal values; found "
                        + show(start) + " at position " + start.position() + ".");
            }
            values.add(literal);
        } while (accept(Kind.COMMA));
        close(open);
        return values;
    }

    private FilterExpr operand() {
        Token token = next();
        if (token == null) {
            throw GraphException.badRequest("Invalid $filter: the expression ends unexpectedly.");
        }
        return switch (token.kind()) {
            case OPEN -> group(token);
            case STRING, NUMBER, GUID, DATETIME -> new FilterExpr.Literal(token.value());
            case NAME -> name(token);
            case CLOSE, COMMA -> throw unexpected(token);
        };
    }

    private FilterExpr group(Token open) {
        enter();
        FilterExpr inner = or();
        close(open);
        depth--;
        return inner;
    }

    private FilterExpr name(Token token) {
        String lower = token.text().toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower)) {
            throw unexpected(token);
        }
        if (peek() != null && peek().kind() == Kind.OPEN) {
            return call(token);
        }
        return switch (lower) {
            case "null" -> new FilterExpr.Literal(null);
            case "true" -> new FilterExpr.Literal(Boolean.TRUE);
            case "false" -> new FilterExpr.Literal(Boolean.FALSE);
            default -> new FilterExpr.Property(Arrays.asList(token.text().split("/")));
        };
    }

    private FilterExpr call(Token name) {
        Function function = Function.of(name.text()).orElseThrow(() -> GraphException.badRequest(
                "Invalid $filter: unknown function '" + name.text() + "' at position " + name.position()
                        + "; supported: contains, startswith, endswith, tolower, toupper."));
        Token open = next();
        enter();
        List<FilterExpr> args = new ArrayList<>();
        if (!accept(Kind.CLOSE)) {
            do {
                args.add(or());
            } while (accept(Kind.COMMA));
            close(open);
        }
        depth--;
        if (args.size() != function.arity()) {
            throw GraphException.badRequest("Invalid $filter: " + function.keyword() + " at position "
                    + name.position() + " takes " + function.arity() + " argument" + (function.arity() == 1 ? "" : "s")
                    + ", not " + args.size() + ".");
        }
        return new FilterExpr.Call(function, args);
    }

    private void close(Token open) {
        Token token = next();
        if (token == null) {
            throw GraphException.badRequest("Invalid $filter: unbalanced parentheses: the '(' at position "
                    + open.position() + " is never closed.");
        }
        if (token.kind() != Kind.CLOSE) {
            throw GraphException.badRequest("Invalid $filter: unexpected " + show(token) + " at position "
                    + token.position() + "; expected ')' to close the '(' at position " + open.position() + ".");
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw GraphException.badRequest("Invalid $filter: the expression is nested too deeply.");
        }
    }

    private boolean keyword(String word) {
        Token token = peek();
        if (token != null && token.kind() == Kind.NAME && token.text().equalsIgnoreCase(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean accept(Kind kind) {
        Token token = peek();
        if (token != null && token.kind() == kind) {
            pos++;
            return true;
        }
        return false;
    }

    private Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private Token next() {
        Token token = peek();
        if (token != null) {
            pos++;
        }
        return token;
    }

    private static GraphException unexpected(Token token) {
        return GraphException.badRequest("Invalid $filter: unexpected " + show(token) + " at position "
                + token.position() + ".");
    }

    /** {@code string 'it''s'} for a string (as written), {@code token 'x'} for anything else. */
    private static String show(Token token) {
        return token.kind() == Kind.STRING ? "string " + token.text() : "token '" + token.text() + "'";
    }
}
