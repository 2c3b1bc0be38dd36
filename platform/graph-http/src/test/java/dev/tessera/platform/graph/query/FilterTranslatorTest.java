package dev.tessera.platform.graph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.platform.graph.GraphException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterTranslatorTest {

    enum State { delivering, delivered, expired }

    static final FieldMap FIELDS = FieldMap.builder()
            .string("displayName", "e.displayName")
            .string("originSystem", "e.originSystem")
            .uuid("id", "e.id")
            .uuid("resource/id", "e.resourceId")
            .uuid("accessPackage/id", "e.accessPackageId")
            .uuid("target/objectId", "e.targetObjectId")
            .enumeration("state", "e.state", List.of("delivering", "delivered", "expired"))
            .enumeration("assignmentState", "e.assignmentState", State.class)
            .bool("isHidden", "e.hidden")
            .dateTime("createdDateTime", "e.createdAt")
            .integer("sequence", "e.sequence")
            .build();

    static final String G1 = "0282e19d-8a3c-4d7f-9f0e-2b7b6b4b2f10";
    static final String G2 = "46184453-e63b-4f20-86c2-c557ed5d5df9";

    static HqlFilter hql(String filter) {
        return FilterTranslator.toHql(FilterParser.parse(filter), FIELDS, 1);
    }

    static String where(String filter) {
        return hql(filter).where();
    }

    static List<Object> params(String filter) {
        return hql(filter).params();
    }

    static String error(String filter) {
        GraphException e = assertThrows(GraphException.class, () -> hql(filter));
        assertEquals(400, e.status());
        assertEquals("invalidRequest", e.code());
        return e.getMessage();
    }

    @Test
    void theDocsResourceRoleFilterBecomesParameterisedHql() {
        HqlFilter filter = hql("(originSystem eq 'AadGroup' and resource/id eq '" + G1 + "')");
        assertEquals("(e.originSystem = ?1 and e.resourceId = ?2)", filter.where());
        assertEquals(List.of("AadGroup", UUID.fromString(G1)), filter.params());
    }

    @Test
    void theDocsCaseInsensitiveContainsIsALowerLike() {
        HqlFilter filter = hql("contains(tolower(displayName),'mark')");
        assertEquals("lower(e.displayName) like ?1 escape '\\'", filter.where());
        assertEquals(List.of("%mark%"), filter.params());
    }

    @Test
    void theDocsAssignmentFilterMatchesNavigationPropertiesCaseInsensitively() {
        HqlFilter filter = hql("accessPackage/id eq '" + G1 + "' and target/objectid eq '" + G2 + "'");
        assertEquals("(e.accessPackageId = ?1 and e.targetObjectId = ?2)", filter.where());
        assertEquals(List.of(UUID.fromString(G1), UUID.fromString(G2)), filter.params());
    }

    @Test
    void theDocsCatalogFilterIsAPlainEquality() {
        HqlFilter filter = hql("displayName eq 'General'");
        assertEquals("e.displayName = ?1", filter.where());
        assertEquals(List.of("General"), filter.params());
    }

    @Test
    void enumValuesAreMatchedCaseInsensitively() {
        assertEquals("e.state = ?1", where("state eq 'Delivered'"));
        assertEquals(List.of("delivered"), params("state eq 'Delivered'"));
        assertEquals(List.of(State.expired), params("assignmentState eq 'EXPIRED'"));
    }

    @ParameterizedTest
    @CsvSource({"eq,=", "gt,>", "ge,>=", "lt,<", "le,<="})
    void everyComparisonOperatorMapsToItsHqlOperator(String op, String hqlOp) {
        assertEquals("e.sequence " + hqlOp + " ?1", where("sequence " + op + " 5"));
        assertEquals(List.of(5), params("sequence " + op + " 5"));
    }

    @Test
    void notEqualAlsoMatchesNullsAsODataDoes() {
        assertEquals("(e.displayName <> ?1 or e.displayName is null)", where("displayName ne 'x'"));
        assertEquals(List.of("x"), params("displayName ne 'x'"));
    }

    @ParameterizedTest
    @CsvSource({"lt,>", "le,>=", "gt,<", "ge,<=", "eq,="})
    void aLiteralOnTheLeftIsMovedRightWithTheOperatorMirrored(String op, String hqlOp) {
        assertEquals("e.sequence " + hqlOp + " ?1", where("3 " + op + " sequence"));
        assertEquals(List.of(3), params("3 " + op + " sequence"));
    }

    @Test
    void comparisonsWithNullBecomeIsNullChecks() {
        assertEquals("e.displayName is null", where("displayName eq null"));
        assertEquals("e.displayName is not null", where("displayName ne null"));
        assertEquals("e.displayName is null", where("null eq displayName"));
        assertEquals(List.of(), params("displayName eq null"));
        assertEquals("e.id is null", where("id eq null"));
    }

    @Test
    void nullCannotBeOrdered() {
        assertEquals("Invalid $filter: null can only be compared with eq or ne, not gt.", error("displayName gt null"));
    }

    @Test
    void inBecomesAnHqlInListWithOneParameterPerValue() {
        HqlFilter filter = hql("id in ('" + G1 + "', " + G2 + ")");
        assertEquals("e.id in (?1, ?2)", filter.where());
        assertEquals(List.of(UUID.fromString(G1), UUID.fromString(G2)), filter.params());
        assertEquals(List.of("delivered", "expired"), params("state in ('DELIVERED','Expired')"));
    }

    @Test
    void inRefusesNullAndBadValues() {
        assertEquals("Invalid $filter: null cannot be in an 'in' list; use 'id eq null'.", error("id in ('" + G1
                + "', null)"));
        assertEquals("Invalid $filter: 'x' is not a valid id for 'id'.", error("id in ('" + G1 + "', 'x')"));
    }

    @Test
    void containsStartswithAndEndswithAreCaseSensitiveLikes() {
        assertEquals("e.displayName like ?1 escape '\\'", where("contains(displayName,'Mark')"));
        assertEquals(List.of("%Mark%"), params("contains(displayName,'Mark')"));
        assertEquals(List.of("Sales%"), params("startswith(displayName,'Sales')"));
        assertEquals(List.of("%ales"), params("endswith(displayName,'ales')"));
    }

    @Test
    void likeWildcardsAndTheEscapeCharacterInTheValueAreEscaped() {
        assertEquals(List.of("%50\\%\\_off\\\\now%"), params("contains(displayName,'50%_off\\now')"));
        assertEquals(List.of("\\%%"), params("startswith(displayName,'%')"));
    }

    @Test
    void caseFunctionsFoldThePropertyAndTheValue() {
        assertEquals("lower(e.displayName) = ?1", where("tolower(displayName) eq 'Mark'"));
        assertEquals(List.of("mark"), params("tolower(displayName) eq 'Mark'"));
        assertEquals("upper(e.displayName) like ?1 escape '\\'", where("startswith(toupper(displayName),'ma')"));
        assertEquals(List.of("MA%"), params("startswith(toupper(displayName),'ma')"));
        assertEquals("lower(e.displayName) in (?1, ?2)", where("tolower(displayName) in ('A','b')"));
        assertEquals(List.of("a", "b"), params("tolower(displayName) in ('A','b')"));
        assertEquals("lower(e.displayName) is null", where("tolower(displayName) eq null"));
    }

    @Test
    void quotesInValuesArriveUnescapedInTheParameter() {
        assertEquals(List.of("O'Brien"), params("displayName eq 'O''Brien'"));
    }

    @Test
    void valuesAreNeverConcatenatedIntoTheHql() {
        HqlFilter filter = hql("displayName eq 'x'' or 1=1 --' or contains(displayName,''') drop table e; --')");
        assertEquals("(e.displayName = ?1 or e.displayName like ?2 escape '\\')", filter.where());
        assertEquals(List.of("x' or 1=1 --", "%') drop table e; --%"), filter.params());
    }

    @Test
    void precedenceIsNotThenAndThenOr() {
        assertEquals("(e.displayName = ?1 or (e.displayName = ?2 and not ((e.hidden is not null and e.hidden = ?3))))",
                where("displayName eq 'a' or displayName eq 'b' and not isHidden eq true"));
        assertEquals("((e.displayName = ?1 or e.displayName = ?2) and e.hidden = ?3)",
                where("(displayName eq 'a' or displayName eq 'b') and isHidden eq true"));
    }

    @Test
    void comparisonsUnderNotAreGuardedSoNullRowsAreKept() {
        assertEquals("not ((e.displayName is not null and e.displayName = ?1))", where("not displayName eq 'a'"));
        assertEquals("not (((e.sequence is not null and e.sequence > ?1) or (e.state <> ?2 or e.state is null)))",
                where("not (sequence gt 1 or state ne 'expired')"));
        assertEquals("not ((e.id is not null and e.id in (?1)))", where("not (id in ('" + G1 + "'))"));
        assertEquals("not (e.displayName like ?1 escape '\\')", where("not contains(displayName,'a')"));
        assertEquals("not (e.displayName is null)", where("not (displayName eq null)"));
    }

    @Test
    void aBooleanPropertyAloneIsACondition() {
        assertEquals("e.hidden = true", where("isHidden"));
        assertEquals("not (e.hidden = true)", where("not isHidden"));
        assertEquals(List.of(), params("isHidden"));
        assertEquals("e.hidden = ?1", where("isHidden eq false"));
        assertEquals(List.of(false), params("isHidden eq false"));
    }

    @Test
    void dateTimesBareOrQuotedBecomeInstants() {
        Instant midnight = Instant.parse("2024-01-01T00:00:00Z");
        assertEquals("e.createdAt >= ?1", where("createdDateTime ge 2024-01-01T00:00:00Z"));
        assertEquals(List.of(midnight), params("createdDateTime ge 2024-01-01T00:00:00Z"));
        assertEquals(List.of(midnight), params("createdDateTime ge '2024-01-01T01:00+01:00'"));
    }

    @Test
    void bareGuidsWorkForIdFields() {
        assertEquals(List.of(UUID.fromString(G1)), params("id eq " + G1));
    }

    @Test
    void parameterNumbersStartWhereTheCallerSays() {
        HqlFilter filter = FilterTranslator.toHql(
                FilterParser.parse("displayName eq 'a' and id in ('" + G1 + "','" + G2 + "')"), FIELDS, 3);
        assertEquals("(e.displayName = ?3 and e.id in (?4, ?5))", filter.where());
        assertEquals(3, filter.params().size());
        assertThrows(IllegalArgumentException.class,
                () -> FilterTranslator.toHql(FilterParser.parse("isHidden"), FIELDS, 0));
    }

    @Test
    void anUndeclaredPropertyIsNotFilterable() {
        assertEquals("Invalid $filter: property 'secret' is not filterable here; filterable properties: displayName,"
                + " originSystem, id, resource/id, accessPackage/id, target/objectId, state, assignmentState, isHidden,"
                + " createdDateTime, sequence.", error("secret eq 'x'"));
        assertEquals(error("secret eq 'x'"), error("contains(tolower(secret),'x')"));
    }

    @Test
    void aBadGuidIsNotAValidId() {
        assertEquals("Invalid $filter: 'not-a-guid' is not a valid id for 'id'.", error("id eq 'not-a-guid'"));
        assertEquals("Invalid $filter: 'x' is not a valid id for 'accessPackage/id'.", error("accessPackage/id eq 'x'"));
    }

    @Test
    void anUnknownEnumValueNamesTheAllowedValues() {
        assertEquals("Invalid $filter: 'lost' is not a valid value for 'state'; allowed values: delivering, delivered,"
                + " expired.", error("state eq 'lost'"));
    }

    @Test
    void literalsMustFitTheFieldType() {
        assertEquals("Invalid $filter: 'displayName' must be compared with a string in quotes, not 5.",
                error("displayName eq 5"));
        assertEquals("Invalid $filter: 'isHidden' must be compared with true or false, not 'yes'.",
                error("isHidden eq 'yes'"));
        assertEquals("Invalid $filter: 'sequence' must be compared with a whole number, not 'ten'.",
                error("sequence eq 'ten'"));
    }

    @Test
    void twoPropertiesOrTwoLiteralsCannotBeCompared() {
        assertEquals("Invalid $filter: 'displayName' eq 'originSystem' is not supported; a property can only be"
                + " compared with a literal value.", error("displayName eq originSystem"));
        assertEquals("Invalid $filter: 'a' eq 'a' compares two literals; one side must be a property.",
                error("'a' eq 'a'"));
        assertEquals("Invalid $filter: 1 lt 2 compares two literals; one side must be a property.", error("1 lt 2"));
    }

    @Test
    void orderingIsOnlyForStringsDatesAndNumbers() {
        assertEquals("Invalid $filter: 'gt' is not supported on 'state' (enum); use eq or ne.",
                error("state gt 'delivered'"));
        assertEquals("Invalid $filter: 'le' is not supported on 'isHidden' (boolean); use eq or ne.",
                error("isHidden le true"));
        assertEquals("Invalid $filter: 'lt' is not supported on 'id' (uuid); use eq or ne.", error("id lt '" + G1 + "'"));
        assertEquals("e.displayName > ?1", where("displayName gt 'M'"));
    }

    @Test
    void stringFunctionsNeedAStringPropertyAndAQuotedString() {
        assertEquals("Invalid $filter: contains needs a string property; 'id' is not one.", error("contains(id,'a')"));
        assertEquals("Invalid $filter: tolower needs a string property; 'state' is not one.",
                error("tolower(state) eq 'x'"));
        assertEquals("Invalid $filter: contains takes a property and a string in quotes, e.g."
                + " contains(displayName,'text').", error("contains(displayName,5)"));
        assertEquals("Invalid $filter: startswith takes a property and a string in quotes, e.g."
                + " startswith(displayName,'text').", error("startswith('abc',displayName)"));
        assertEquals("Invalid $filter: endswith takes a property and a string in quotes, e.g."
                + " endswith(displayName,'text').", error("endswith(displayName,null)"));
        assertEquals("Invalid $filter: expected a property, found 'x'.", error("contains('x','y')"));
    }

    @Test
    void onlyConditionsCanStandAlone() {
        assertEquals("Invalid $filter: 'displayName' is not a condition; compare it with a value, e.g."
                + " displayName eq 'text'.", error("displayName"));
        assertEquals("Invalid $filter: true is not a condition; compare it with a value, e.g. displayName eq 'text'.",
                error("true"));
        assertEquals("Invalid $filter: tolower(...) is not a condition; compare it with a value, e.g."
                + " displayName eq 'text'.", error("tolower(displayName)"));
        assertEquals("Invalid $filter: expected a property, found contains(...).",
                error("contains(displayName,'a') eq true"));
        assertEquals("Invalid $filter: expected a property, found a condition.", error("(sequence eq 1) eq true"));
    }
}
