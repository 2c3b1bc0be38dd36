package dev.tessera.platform.graph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.query.FilterExpr.And;
import dev.tessera.platform.graph.query.FilterExpr.Call;
import dev.tessera.platform.graph.query.FilterExpr.Compare;
import dev.tessera.platform.graph.query.FilterExpr.Function;
import dev.tessera.platform.graph.query.FilterExpr.In;
import dev.tessera.platform.graph.query.FilterExpr.Literal;
import dev.tessera.platform.graph.query.FilterExpr.Not;
import dev.tessera.platform.graph.query.FilterExpr.Op;
import dev.tessera.platform.graph.query.FilterExpr.Or;
import dev.tessera.platform.graph.query.FilterExpr.Property;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterParserTest {

    static final String G1 = "0282e19d-8a3c-4d7f-9f0e-2b7b6b4b2f10";

    static Property prop(String... path) {
        return new Property(List.of(path));
    }

    static Literal lit(Object value) {
        return new Literal(value);
    }

    static Compare eq(String property, Object value) {
        return new Compare(Op.EQ, prop(property), lit(value));
    }

    static GraphException error(String filter) {
        GraphException e = assertThrows(GraphException.class, () -> FilterParser.parse(filter));
        assertEquals(400, e.status());
        assertEquals("invalidRequest", e.code());
        return e;
    }

    static void assertError(String filter, String expectedMessage) {
        assertEquals(expectedMessage, error(filter).getMessage());
    }

    @ParameterizedTest
    @CsvSource({"eq,EQ", "ne,NE", "gt,GT", "ge,GE", "lt,LT", "le,LE", "EQ,EQ", "Ne,NE"})
    void everyComparisonOperatorIsRecognisedInAnyCase(String keyword, Op op) {
        assertEquals(new Compare(op, prop("n"), lit(new BigDecimal("3"))), FilterParser.parse("n " + keyword + " 3"));
    }

    @Test
    void andBindsTighterThanOr() {
        assertEquals(new Or(eq("a", "1"), new And(eq("b", "2"), eq("c", "3"))),
                FilterParser.parse("a eq '1' or b eq '2' and c eq '3'"));
        assertEquals(new Or(new And(eq("a", "1"), eq("b", "2")), eq("c", "3")),
                FilterParser.parse("a eq '1' and b eq '2' or c eq '3'"));
    }

    @Test
    void notBindsTighterThanAndAndAppliesToTheWholeComparison() {
        assertEquals(new And(new Not(eq("a", "1")), eq("b", "2")), FilterParser.parse("not a eq '1' and b eq '2'"));
        assertEquals(new Not(new Not(prop("isHidden"))), FilterParser.parse("not not isHidden"));
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertEquals(new And(new Or(eq("a", "1"), eq("b", "2")), eq("c", "3")),
                FilterParser.parse("(a eq '1' or b eq '2') and c eq '3'"));
        assertEquals(new Not(new Or(eq("a", "1"), eq("b", "2"))), FilterParser.parse("not (a eq '1' or b eq '2')"));
        assertEquals(eq("a", "1"), FilterParser.parse("((a eq '1'))"));
    }

    @Test
    void andAndOrChainsAreLeftAssociative() {
        assertEquals(new And(new And(eq("a", "1"), eq("b", "2")), eq("c", "3")),
                FilterParser.parse("a eq '1' and b eq '2' and c eq '3'"));
        assertEquals(new Or(new Or(eq("a", "1"), eq("b", "2")), eq("c", "3")),
                FilterParser.parse("a eq '1' or b eq '2' or c eq '3'"));
    }

    @Test
    void logicalKeywordsAreCaseInsensitive() {
        assertEquals(new Or(new And(eq("a", "1"), new Not(prop("b"))), eq("c", "3")),
                FilterParser.parse("a EQ '1' AND NOT b Or c eq '3'"));
    }

    @Test
    void theDocsResourceRoleFilterParses() {
        assertEquals(new And(eq("originSystem", "AadGroup"),
                        new Compare(Op.EQ, prop("resource", "id"), lit(G1))),
                FilterParser.parse("(originSystem eq 'AadGroup' and resource/id eq '" + G1 + "')"));
    }

    @Test
    void navigationPathsAreSplitOnSlashAndKeepTheirCase() {
        FilterExpr expr = FilterParser.parse("target/objectid eq 'x'");
        Property property = (Property) ((Compare) expr).left();
        assertEquals(List.of("target", "objectid"), property.path());
        assertEquals("target/objectid", property.joined());
    }

    @Test
    void inTakesAParenthesisedListOfLiterals() {
        assertEquals(new In(prop("id"), List.of(lit("a"), lit("b"))), FilterParser.parse("id in ('a', 'b')"));
        assertEquals(new In(prop("id"), List.of(lit("a"))), FilterParser.parse("id IN ('a')"));
    }

    @Test
    void functionsParseWithTheirArgumentsAndAreCaseInsensitive() {
        assertEquals(new Call(Function.CONTAINS, List.of(new Call(Function.TOLOWER, List.of(prop("displayName"))),
                lit("mark"))), FilterParser.parse("contains(tolower(displayName),'mark')"));
        assertEquals(new Call(Function.STARTSWITH, List.of(prop("d"), lit("x"))),
                FilterParser.parse("StartsWith(d, 'x')"));
        assertEquals(new Call(Function.ENDSWITH, List.of(prop("d"), lit("x"))), FilterParser.parse("endswith(d,'x')"));
        assertEquals(new Compare(Op.EQ, new Call(Function.TOUPPER, List.of(prop("d"))), lit("X")),
                FilterParser.parse("TOUPPER(d) eq 'X'"));
        assertEquals(new Not(new Call(Function.CONTAINS, List.of(prop("d"), lit("x")))),
                FilterParser.parse("not contains(d,'x')"));
    }

    @Test
    void stringLiteralsUnescapeDoubledQuotesAndKeepEverythingElse() {
        assertEquals(eq("d", "O'Brien"), FilterParser.parse("d eq 'O''Brien'"));
        assertEquals(eq("d", "'"), FilterParser.parse("d eq ''''"));
        assertEquals(eq("d", ""), FilterParser.parse("d eq ''"));
        assertEquals(eq("d", "a and b or (c) eq 'd"), FilterParser.parse("d eq 'a and b or (c) eq ''d'"));
        assertEquals(eq("d", "50% off_now\\ +1"), FilterParser.parse("d eq '50% off_now\\ +1'"));
        assertEquals(eq("d", "Zoë, 東京"), FilterParser.parse("d eq 'Zoë, 東京'"));
    }

    @Test
    void numbersBooleansAndNullAreTypedLiterals() {
        assertEquals(eq("n", new BigDecimal("42")), FilterParser.parse("n eq 42"));
        assertEquals(eq("n", new BigDecimal("-1.5")), FilterParser.parse("n eq -1.5"));
        assertEquals(eq("b", Boolean.TRUE), FilterParser.parse("b eq true"));
        assertEquals(eq("b", Boolean.FALSE), FilterParser.parse("b eq FALSE"));
        Compare isNull = (Compare) FilterParser.parse("d eq null");
        assertNull(((Literal) isNull.right()).value());
    }

    @Test
    void bareGuidsAreUuidLiteralsWhetherTheyStartWithADigitOrALetter() {
        assertEquals(eq("id", UUID.fromString(G1)), FilterParser.parse("id eq " + G1));
        String letters = "DEADBEEF-8a3c-4d7f-9f0e-2b7b6b4b2f10";
        assertEquals(eq("id", UUID.fromString(letters)), FilterParser.parse("id eq " + letters));
        assertEquals(new In(prop("id"), List.of(lit(UUID.fromString(G1)))), FilterParser.parse("id in (" + G1 + ")"));
    }

    @Test
    void bareDateTimesAreParsedWithZOrOffsetFractionsAndOptionalSeconds() {
        OffsetDateTime midnight = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        assertEquals(lit(midnight), ((Compare) FilterParser.parse("t ge 2024-01-01T00:00:00Z")).right());
        assertEquals(lit(midnight), ((Compare) FilterParser.parse("t ge 2024-01-01T00:00Z")).right());
        assertEquals(lit(midnight.withNano(123_456_789)),
                ((Compare) FilterParser.parse("t ge 2024-01-01T00:00:00.123456789Z")).right());
        assertEquals(lit(OffsetDateTime.of(2024, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2))),
                ((Compare) FilterParser.parse("t ge 2024-01-01T02:00:00+02:00")).right());
        assertEquals(lit(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5))),
                ((Compare) FilterParser.parse("t ge 2024-01-01t00:00:00-05:00")).right());
    }

    @Test
    void plusOutsideStringsIsWhitespaceButInsideStringsAndOffsetsItIsKept() {
        assertEquals(new And(eq("a", "x+y"), eq("b", "z")), FilterParser.parse("a+eq+'x+y'+and+b+eq+'z'"));
        assertEquals(lit(OffsetDateTime.of(2024, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2))),
                ((Compare) FilterParser.parse("t+ge+2024-01-01T02:00:00+02:00")).right());
    }

    @Test
    void whitespaceIsFlexibleAroundPunctuation() {
        assertEquals(FilterParser.parse("contains(d,'x') and id in ('a','b')"),
                FilterParser.parse("  contains ( d , 'x' )\tand\nid in( 'a' ,'b' )  "));
    }

    @Test
    void literalOnTheLeftIsKeptAsWritten() {
        assertEquals(new Compare(Op.LT, lit(new BigDecimal("3")), prop("n")), FilterParser.parse("3 lt n"));
    }

    @Test
    void aBarePropertyOrCallIsAValidParseLeftForTheTranslatorToJudge() {
        assertEquals(prop("isHidden"), FilterParser.parse("isHidden"));
        assertInstanceOf(Call.class, FilterParser.parse("tolower(d)"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "+++", "\t\n"})
    void anEmptyFilterIsRefused(String filter) {
        assertError(filter, "Invalid $filter: the expression is empty.");
    }

    @Test
    void trailingGarbageIsNamedWithItsPosition() {
        assertError("displayName eq 'a' extra", "Invalid $filter: unexpected token 'extra' at position 19.");
        assertError("a eq 'x' 'y'", "Invalid $filter: unexpected string 'y' at position 9.");
        assertError("a eq 1 eq 2", "Invalid $filter: unexpected token 'eq' at position 7.");
    }

    @Test
    void unexpectedCharactersAreNamedWithTheirPosition() {
        assertError("displayName eq 'a' ; drop table x", "Invalid $filter: unexpected token ';' at position 19.");
        assertError("a eq 'x' && b eq 'y'", "Invalid $filter: unexpected token '&&' at position 9.");
        assertError("dis#play eq 'x'", "Invalid $filter: unexpected token 'dis#play' at position 0.");
        assertError("n eq 12abc", "Invalid $filter: unexpected token '12abc' at position 5.");
        assertError("a/ eq 'x'", "Invalid $filter: unexpected token 'a/' at position 0.");
    }

    @Test
    void anUnterminatedStringIsRefusedNamingWhereItStarts() {
        assertError("displayName eq 'open", "Invalid $filter: unterminated string starting at position 15.");
        assertError("d eq 'it''s", "Invalid $filter: unterminated string starting at position 5.");
    }

    @Test
    void unbalancedParenthesesAreRefused() {
        assertError("(displayName eq 'a'", "Invalid $filter: unbalanced parentheses: the '(' at position 0 is never closed.");
        assertError("displayName eq 'a')", "Invalid $filter: unbalanced parentheses: unexpected ')' at position 18.");
        assertError("contains(d,'a'", "Invalid $filter: unbalanced parentheses: the '(' at position 8 is never closed.");
        assertError("(a eq 'x' b", "Invalid $filter: unexpected token 'b' at position 10; expected ')' to close the"
                + " '(' at position 0.");
        assertError("()", "Invalid $filter: unexpected token ')' at position 1.");
    }

    @Test
    void unknownFunctionsAreRefusedByName() {
        assertError("frobnicate(displayName,'a')", "Invalid $filter: unknown function 'frobnicate' at position 0;"
                + " supported: contains, startswith, endswith, tolower, toupper.");
        assertError("substringof('a',d)", "Invalid $filter: unknown function 'substringof' at position 0;"
                + " supported: contains, startswith, endswith, tolower, toupper.");
    }

    @Test
    void functionsMustGetTheRightNumberOfArguments() {
        assertError("contains(d)", "Invalid $filter: contains at position 0 takes 2 arguments, not 1.");
        assertError("tolower(d,'x') eq 'a'", "Invalid $filter: tolower at position 0 takes 1 argument, not 2.");
        assertError("tolower() eq 'a'", "Invalid $filter: tolower at position 0 takes 1 argument, not 0.");
    }

    @Test
    void anExpressionThatStopsHalfwayIsRefused() {
        assertError("displayName eq", "Invalid $filter: the expression ends unexpectedly.");
        assertError("a eq 'x' and", "Invalid $filter: the expression ends unexpectedly.");
        assertError("not", "Invalid $filter: the expression ends unexpectedly.");
        assertError("id in", "Invalid $filter: expected '(' after 'in' at position 3.");
        assertError("id in (", "Invalid $filter: the expression ends unexpectedly.");
    }

    @Test
    void keywordsCannotStandInForOperands() {
        assertError("eq eq 'x'", "Invalid $filter: unexpected token 'eq' at position 0.");
        assertError("a eq and", "Invalid $filter: unexpected token 'and' at position 5.");
        assertError("and", "Invalid $filter: unexpected token 'and' at position 0.");
    }

    @Test
    void inRefusesAnythingButLiterals() {
        assertError("id in 'a'", "Invalid $filter: expected '(' after 'in' at position 3.");
        assertError("id in (other)", "Invalid $filter: 'in' takes a list of literal values; found token 'other'"
                + " at position 7.");
        assertError("id in ()", "Invalid $filter: unexpected token ')' at position 7.");
        assertError("id in ('a',)", "Invalid $filter: unexpected token ')' at position 11.");
    }

    @Test
    void dateTimesMustBeRealInstantsWithAnOffset() {
        assertError("t ge 2024-13-01T00:00:00Z", "Invalid $filter: '2024-13-01T00:00:00Z' at position 5 is not a valid"
                + " date-time; write it like 2024-01-01T00:00:00Z (an offset's '+' must be sent as %2B).");
        // The '+' of an unencoded offset arrives as a space: the date-time is left without its offset.
        assertError("t ge 2024-01-01T00:00:00 02:00", "Invalid $filter: '2024-01-01T00:00:00' at position 5 is not a"
                + " valid date-time; write it like 2024-01-01T00:00:00Z (an offset's '+' must be sent as %2B).");
        assertError("t ge 2024-01-01", "Invalid $filter: '2024-01-01' at position 5 is a date without a time;"
                + " write a date-time such as 2024-01-01T00:00:00Z.");
    }

    @Test
    void absurdlyDeepNestingIsABadRequestNotAStackOverflow() {
        String deep = "(".repeat(5000) + "a eq 'x'" + ")".repeat(5000);
        assertEquals("Invalid $filter: the expression is too long (more than 1000 tokens).", error(deep).getMessage());
        String nested = "(".repeat(100) + "a eq 'x'" + ")".repeat(100);
        assertEquals("Invalid $filter: the expression is nested too deeply.", error(nested).getMessage());
        assertEquals("Invalid $filter: the expression is nested too deeply.", error("not ".repeat(200) + "a").getMessage());
        assertEquals(eq("a", "x"), FilterParser.parse("(".repeat(60) + "a eq 'x'" + ")".repeat(60)));
    }
}
