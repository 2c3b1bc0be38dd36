package dev.tessera.platform.em;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A membership rule in the subset of Entra's dynamic-group syntax that Tessera evaluates:
 * {@code user.<property> -eq|-ne|-startsWith|-contains <value>}, combined with {@code -and},
 * {@code -or}, {@code -not} and parentheses; values are double-quoted strings (a backtick escapes a
 * quote, as in Entra), {@code true}, {@code false} or {@code null}. As in Entra, operators and
 * property names are case-insensitive and so are string comparisons. Anything else is refused by
 * {@link #parse} with a message that says what and where.
 */
public final class MembershipRule {

    /** The user properties provisioning-service reports in its directory events. */
    static final Set<String> PROPERTIES = Set.of("displayname", "userprincipalname", "mailnickname", "mail",
            "givenname", "surname", "jobtitle", "department", "officelocation", "mobilephone", "employeeid",
            "usertype", "accountenabled");

    /** Entra's limit on a dynamic membership rule's length. */
    public static final int MAX_LENGTH = 3072;

    /** How deeply parentheses and -not may nest: the parser and the evaluator recurse once per level. */
    public static final int MAX_DEPTH = 32;

    private final String text;
    private final Node root;

    private MembershipRule(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Parses a rule; {@link InvalidRuleException} names the first thing it cannot take. */
    public static MembershipRule parse(String rule) {
        if (rule == null || rule.isBlank()) {
            throw new InvalidRuleException("The membership rule is empty.");
        }
        if (rule.length() > MAX_LENGTH) {
            throw new InvalidRuleException("The membership rule has " + rule.length() + " characters; at most "
                    + MAX_LENGTH + " are allowed.");
        }
        Parser parser = new Parser(tokens(rule));
        Node root = parser.or();
        if (!parser.atEnd()) {
            throw new InvalidRuleException("Unexpected '" + parser.peek().text + "' at position "
                    + parser.peek().position + " of the membership rule.");
        }
        return new MembershipRule(rule, root);
    }

    /** Whether a user with these attributes (property names in any case) matches. */
    public boolean matches(Map<String, Object> attributes) {
        Map<String, Object> byLowerName = new java.util.HashMap<>();
        attributes.forEach((k, v) -> byLowerName.put(k.toLowerCase(Locale.ROOT), v));
        return root.matches(byLowerName);
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** A rule Tessera cannot evaluate. */
    public static final class InvalidRuleException extends IllegalArgumentException {

        public InvalidRuleException(String message) {
            super(message);
        }
    }

    private interface Node {
        boolean matches(Map<String, Object> attributes);
    }

    private enum Operator { eq, ne, startswith, contains }

    private record Comparison(String property, Operator operator, String value) implements Node {

        @Override
        public boolean matches(Map<String, Object> attributes) {
            Object raw = attributes.get(property);
            String actual = raw == null ? null : raw.toString().toLowerCase(Locale.ROOT);
            String expected = value == null ? null : value.toLowerCase(Locale.ROOT);
            return switch (operator) {
                case eq -> java.util.Objects.equals(actual, expected);
                case ne -> !java.util.Objects.equals(actual, expected);
                case startswith -> actual != null && expected != null && actual.startsWith(expected);
                case contains -> actual != null && expected != null && actual.contains(expected);
            };
        }
    }

    private record Not(Node operand) implements Node {

        @Override
        public boolean matches(Map<String, Object> attributes) {
            return !operand.matches(attributes);
        }
    }

    private record Both(Node left, Node right, boolean and) implements Node {

        @Override
        public boolean matches(Map<String, Object> attributes) {
            return and ? left.matches(attributes) && right.matches(attributes)
                    : left.matches(attributes) || right.matches(attributes);
        }
    }

    private enum Kind { open, close, word, string }

    private record Token(Kind kind, String text, int position) {
    }

    private static List<Token> tokens(String rule) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < rule.length()) {
            char c = rule.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token(c == '(' ? Kind.open : Kind.close, String.valueOf(c), i + 1));
                i++;
            } else if (c == '"') {
                StringBuilder value = new StringBuilder();
                int start = i++;
                boolean closed = false;
                while (i < rule.length()) {
                    char d = rule.charAt(i);
                    if (d == '`' && i + 1 < rule.length()) {
                        value.append(rule.charAt(i + 1));
                        i += 2;
                    } else if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        value.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new InvalidRuleException("The string starting at position " + (start + 1)
                            + " of the membership rule is not closed.");
                }
                tokens.add(new Token(Kind.string, value.toString(), start + 1));
            } else {
                int start = i;
                while (i < rule.length() && !Character.isWhitespace(rule.charAt(i)) && "()\"".indexOf(rule.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(Kind.word, rule.substring(start, i), start + 1));
            }
        }
        return tokens;
    }

    private static final class Parser {

        private final List<Token> tokens;
        private int next;
        private int depth;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return next >= tokens.size();
        }

        Token peek() {
            return tokens.get(next);
        }

        private boolean word(String expected) {
            if (!atEnd() && peek().kind == Kind.word && peek().text.equalsIgnoreCase(expected)) {
                next++;
                return true;
            }
            return false;
        }

        private Token take(String what) {
            if (atEnd()) {
                throw new InvalidRuleException("The membership rule ends where " + what + " was expected.");
            }
            return tokens.get(next++);
        }

        Node or() {
            Node left = and();
            while (word("-or")) {
                left = new Both(left, and(), false);
            }
            return left;
        }

        Node and() {
            Node left = unary();
            while (word("-and")) {
                left = new Both(left, unary(), true);
            }
            return left;
        }

        Node unary() {
            if (!atEnd() && (peek().kind == Kind.open || peek().kind == Kind.word && peek().text.equalsIgnoreCase("-not"))) {
                return nested();
            }
            return comparison(take("a comparison"));
        }

        /** A parenthesised rule or a -not: one level deeper, refused past {@link #MAX_DEPTH}. */
        private Node nested() {
            if (++depth > MAX_DEPTH) {
                throw new InvalidRuleException("The membership rule nests parentheses and -not more than " + MAX_DEPTH
                        + " levels deep (at position " + peek().position + ").");
            }
            try {
                if (word("-not")) {
                    return new Not(unary());
                }
                take("'('");
                Node inner = or();
                Token close = take("')'");
                if (close.kind != Kind.close) {
                    throw new InvalidRuleException("Expected ')' at position " + close.position
                            + " of the membership rule, found '" + close.text + "'.");
                }
                return inner;
            } finally {
                depth--;
            }
        }

        private Node comparison(Token property) {
            String name = property.text;
            if (property.kind != Kind.word || !name.toLowerCase(Locale.ROOT).startsWith("user.")) {
                throw new InvalidRuleException("Expected a user property such as user.department at position "
                        + property.position + " of the membership rule, found '" + name + "'.");
            }
            String attribute = name.substring("user.".length()).toLowerCase(Locale.ROOT);
            if (!PROPERTIES.contains(attribute)) {
                throw new InvalidRuleException("Property '" + name + "' is not supported in membership rules; "
                        + "supported: user.department, user.jobTitle, user.officeLocation, user.userType, "
                        + "user.accountEnabled, user.displayName, user.mail, user.userPrincipalName, "
                        + "user.mailNickname, user.givenName, user.surname, user.mobilePhone, user.employeeId.");
            }
            Token op = take("an operator");
            Operator operator = switch (op.text.toLowerCase(Locale.ROOT)) {
                case "-eq" -> Operator.eq;
                case "-ne" -> Operator.ne;
                case "-startswith" -> Operator.startswith;
                case "-contains" -> Operator.contains;
                default -> throw new InvalidRuleException("Operator '" + op.text + "' at position " + op.position
                        + " is not supported in membership rules; supported: -eq, -ne, -startsWith, -contains, "
                        + "combined with -and, -or, -not and parentheses.");
            };
            Token value = take("a value");
            if (value.kind == Kind.string) {
                return new Comparison(attribute, operator, value.text);
            }
            if (value.kind == Kind.word) {
                switch (value.text.toLowerCase(Locale.ROOT)) {
                    case "true", "false" -> {
                        return new Comparison(attribute, operator, value.text.toLowerCase(Locale.ROOT));
                    }
                    case "null" -> {
                        if (operator == Operator.eq || operator == Operator.ne) {
                            return new Comparison(attribute, operator, null);
                        }
                    }
                    default -> {
                    }
                }
            }
            throw new InvalidRuleException("Expected a double-quoted string, true, false or null at position "
                    + value.position + " of the membership rule, found '" + value.text + "'.");
        }
    }
}
