package dev.tessera.platform.graph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.PageToken;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryOptionsTest {

    /** Name/value pairs, in order, each name once. */
    static QueryOptions parse(String... nameValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return QueryOptions.parse(params);
    }

    static String error(String... nameValues) {
        GraphException e = assertThrows(GraphException.class, () -> parse(nameValues));
        assertEquals(400, e.status());
        assertEquals("invalidRequest", e.code());
        return e.getMessage();
    }

    static ExpandItem expand(QueryOptions options, String name) {
        return options.expands(name).orElseThrow(() -> new AssertionError("no $expand of " + name));
    }

    @Test
    void withoutOptionsEverythingHasItsDefault() {
        QueryOptions options = parse();
        assertEquals(QueryOptions.none(), options);
        assertEquals(100, options.top());
        assertTrue(options.filter().isEmpty());
        assertTrue(options.rawFilter().isEmpty());
        assertEquals(List.of(), options.select());
        assertEquals(List.of(), options.expand());
        assertTrue(options.skipToken().isEmpty());
        assertFalse(options.count());
        assertEquals(null, options.afterId());
    }

    @Test
    void theFilterIsParsedAndItsRawTextKept() {
        QueryOptions options = parse("$filter", "displayName eq 'General'");
        assertEquals(Optional.of("displayName eq 'General'"), options.rawFilter());
        assertEquals(FilterParser.parse("displayName eq 'General'"), options.filter().orElseThrow());
    }

    @Test
    void aBadFilterIsABadRequest() {
        assertEquals("Invalid $filter: unterminated string starting at position 15.",
                error("$filter", "displayName eq 'x"));
        assertEquals("Invalid $filter: the expression is empty.", error("$filter", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$filter", "filter", "$Filter", "$FILTER", "FILTER"})
    void optionNamesWorkWithOrWithoutDollarInAnyCase(String name) {
        assertTrue(parse(name, "isHidden").filter().isPresent());
    }

    @Test
    void otherOptionsAlsoAcceptAnySpelling() {
        assertEquals(5, parse("top", "5").top());
        assertEquals(7, parse("$TOP", "7").top());
        assertEquals(List.of("id"), parse("Select", "id").select());
        assertTrue(parse("$Count", "true").count());
        assertEquals(Optional.of("abc"), parse("$SkipToken", "abc").skipToken());
    }

    @Test
    void selectIsACommaSeparatedListOfNames() {
        assertEquals(List.of("id", "displayName", "accessPackage/id"),
                parse("$select", "id, displayName ,accessPackage/id").select());
        assertEquals(List.of(), parse("$select", "").select());
    }

    @Test
    void selectRefusesWhatIsNotAName() {
        assertEquals("Invalid $select: 'id;drop' is not a property name.", error("$select", "id;drop"));
        assertEquals("Invalid $select: '' is not a property name.", error("$select", "id,"));
        assertEquals("Invalid $select: ' 1st' is not a property name.", error("$select", "id, 1st"));
    }

    @Test
    void topMustBeBetweenOneAnd999() {
        assertEquals(1, parse("$top", "1").top());
        assertEquals(999, parse("$top", "999").top());
        assertEquals(20, parse("$top", " 20 ").top());
        String range = "' must be a whole number from 1 to 999.";
        assertEquals("Invalid $top: '0" + range, error("$top", "0"));
        assertEquals("Invalid $top: '1000" + range, error("$top", "1000"));
        assertEquals("Invalid $top: '-1" + range, error("$top", "-1"));
        assertEquals("Invalid $top: 'ten" + range, error("$top", "ten"));
        assertEquals("Invalid $top: '99999999999999" + range, error("$top", "99999999999999"));
        assertEquals("Invalid $top: '" + range, error("$top", ""));
    }

    @Test
    void countIsTrueOrFalse() {
        assertTrue(parse("$count", "true").count());
        assertTrue(parse("$count", "TRUE").count());
        assertFalse(parse("$count", "false").count());
        assertEquals("Invalid $count: 'maybe' must be true or false.", error("$count", "maybe"));
    }

    @Test
    void aBlankSkipTokenIsNoSkipToken() {
        assertTrue(parse("$skiptoken", " ").skipToken().isEmpty());
    }

    @Test
    void skipTokensRoundTripAndForgeriesAreRefused() {
        UUID last = UUID.randomUUID();
        assertEquals(last, parse("$skiptoken", PageToken.encode(last.toString())).afterId());
        assertThrows(GraphException.class, () -> parse("$skiptoken", "garbage!").afterId());
        assertThrows(GraphException.class, () -> parse("$skiptoken", PageToken.encode("not-an-id")).afterId());
    }

    @Test
    void expandListsItemsAndFindsThemCaseInsensitively() {
        QueryOptions options = parse("$expand", "roles,scopes");
        assertEquals(List.of("roles", "scopes"), options.expand().stream().map(ExpandItem::name).toList());
        assertEquals(QueryOptions.none(), expand(options, "ROLES").nested());
        assertTrue(options.expands("Scopes").isPresent());
        assertTrue(options.expands("catalog").isEmpty());
    }

    @Test
    void nestedExpandIsParsedWithoutSplittingInsideParentheses() {
        QueryOptions options = parse("$expand", "resourceRoleScopes($expand=role,scope),catalog");
        assertEquals(2, options.expand().size());
        ExpandItem scopes = expand(options, "resourceroleScopes");
        assertEquals("resourceRoleScopes", scopes.name());
        assertEquals(List.of("role", "scope"), scopes.nested().expand().stream().map(ExpandItem::name).toList());
        assertTrue(options.expands("catalog").isPresent());
    }

    @Test
    void nestedOptionsAreSeparatedBySemicolons() {
        QueryOptions options = parse("$expand", "policy($expand=rules;$select=id,displayName;$top=5)");
        ExpandItem policy = expand(options, "policy");
        assertTrue(policy.nested().expands("rules").isPresent());
        assertEquals(List.of("id", "displayName"), policy.nested().select());
        assertEquals(5, policy.nested().top());
    }

    @Test
    void nestedFiltersMayHoldCommasSemicolonsAndParenthesesInStrings() {
        QueryOptions options = parse("$expand", "roles($filter=displayName eq 'a,b;c(d' or contains(displayName,'x')),scopes");
        ExpandItem roles = expand(options, "roles");
        assertEquals(Optional.of("displayName eq 'a,b;c(d' or contains(displayName,'x')"), roles.nested().rawFilter());
        assertTrue(roles.nested().filter().isPresent());
        assertTrue(options.expands("scopes").isPresent());
    }

    @Test
    void nestedOptionNamesAlsoWorkWithoutDollarInAnyCase() {
        ExpandItem policy = expand(parse("$expand", "policy( Expand = rules ; SELECT=id ; )"), "policy");
        assertTrue(policy.nested().expands("rules").isPresent());
        assertEquals(List.of("id"), policy.nested().select());
    }

    @Test
    void deeplyNestedExpandWorks() {
        ExpandItem a = expand(parse("$expand", "a($expand=b($expand=c($select=id)))"), "a");
        ExpandItem c = expand(expand(a.nested(), "b").nested(), "c");
        assertEquals(List.of("id"), c.nested().select());
    }

    @Test
    void expandNestedDeeperThanThreeLevelsIsRefused() {
        assertEquals("Invalid $expand: nested more than 3 levels deep.",
                error("$expand", "a($expand=b($expand=c($expand=d)))"));
        StringBuilder fifty = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            fifty.append("a").append(i).append("($expand=");
        }
        fifty.append("z").append(")".repeat(50));
        assertEquals("Invalid $expand: nested more than 3 levels deep.", error("$expand", fifty.toString()));
    }

    @Test
    void moreThanTenItemsInOneExpandAreRefused() {
        String ten = String.join(",", java.util.stream.IntStream.range(0, 10).mapToObj(i -> "p" + i).toList());
        assertEquals(10, parse("$expand", ten).expand().size());
        assertEquals("Invalid $expand: more than 10 items in one $expand.", error("$expand", ten + ",p10"));
        assertEquals("Invalid $expand: more than 10 items in one $expand.", error("$expand", "a($expand=" + ten + ",p10)"));
    }

    @Test
    void badExpandParenthesesAreRefused() {
        String unbalanced = "Invalid $expand: unbalanced parentheses or quotes in ";
        assertEquals(unbalanced + "'roles('.", error("$expand", "roles("));
        assertEquals(unbalanced + "'roles)'.", error("$expand", "roles)"));
        assertEquals(unbalanced + "'roles($expand=scope'.", error("$expand", "roles($expand=scope"));
        assertEquals(unbalanced + "'roles($filter=displayName eq 'x)'.", error("$expand", "roles($filter=displayName eq 'x)"));
        assertEquals(unbalanced + "'$expand=a)(b'.", error("$expand", "roles($expand=a)(b)"));
        assertEquals("Invalid $expand: 'roles($expand=scope)x' is not a navigation property name, optionally followed"
                + " by options in parentheses.", error("$expand", "roles($expand=scope)x"));
    }

    @Test
    void badExpandItemsAreRefused() {
        assertEquals("Invalid $expand: an item is empty (a stray ',').", error("$expand", "roles,,scopes"));
        assertEquals("Invalid $expand: an item is empty (a stray ',').", error("$expand", "roles,"));
        assertEquals("Invalid $expand: '($expand=x)' is not a navigation property name, optionally followed by"
                + " options in parentheses.", error("$expand", "($expand=x)"));
        assertEquals("Invalid $expand: 'ro les' is not a navigation property name, optionally followed by options"
                + " in parentheses.", error("$expand", "ro les"));
        assertEquals("Invalid $expand: 'Roles' is expanded more than once.", error("$expand", "roles,Roles"));
        assertEquals("Invalid $expand: 'scope' in 'roles' is not an option=value pair.", error("$expand", "roles(scope)"));
    }

    @Test
    void badNestedOptionsAreRefused() {
        assertEquals("Unsupported query option '$bogus' in $expand of 'roles'.", error("$expand", "roles($bogus=1)"));
        assertEquals("Unsupported query option '$skiptoken' in $expand of 'roles'.",
                error("$expand", "roles($skiptoken=abc)"));
        assertEquals("Query option '$select' is specified more than once in $expand of 'roles'.",
                error("$expand", "roles($select=id;select=displayName)"));
        assertEquals("Invalid $top in $expand of 'roles': '0' must be a whole number from 1 to 999.",
                error("$expand", "roles($top=0)"));
        assertEquals("Invalid $filter: the expression ends unexpectedly.", error("$expand", "roles($filter=id eq)"));
    }

    @Test
    void unknownDollarOptionsAreRefused() {
        assertEquals("Unsupported query option '$frobnicate'.", error("$frobnicate", "1"));
        assertEquals("Unsupported query option '$Levels'.", error("$Levels", "2"));
    }

    @Test
    void knownButUnimplementedOptionsAreRefusedRatherThanIgnored() {
        assertEquals("Query option '$orderby' is not supported.", error("$orderby", "displayName"));
        assertEquals("Query option '$search' is not supported.", error("search", "\"x\""));
        assertEquals("Query option '$skip' is not supported.", error("$skip", "10"));
    }

    @Test
    void anOptionGivenTwiceIsRefused() {
        assertEquals("Query option '$top' is specified more than once.", error("$top", "5", "top", "6"));
        GraphException e = assertThrows(GraphException.class,
                () -> QueryOptions.parse(Map.of("$filter", List.of("isHidden", "not isHidden"))));
        assertEquals("Query option '$filter' is specified more than once.", e.getMessage());
    }

    @Test
    void nonOdataParametersAreLeftToTheApi() {
        assertEquals(QueryOptions.none(), parse("on", "target", "api-version", "2"));
        assertEquals(100, parse("$format", "json").top());
    }
}
