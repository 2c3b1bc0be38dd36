package dev.tessera.platform.graph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.graph.GraphException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link FilterTranslator#matches}: the in-memory twin of the HQL translation. */
class FilterMatchesTest {

    enum State { delivering, delivered }

    static final FieldMap FIELDS = FieldMap.builder()
            .string("displayName", "displayName")
            .string("description", "description")
            .uuid("id", "id")
            .enumeration("state", "state", State.class)
            .enumeration("kind", "kind", List.of("member", "guest"))
            .bool("isHidden", "hidden")
            .dateTime("createdDateTime", "createdAt")
            .integer("sequence", "sequence")
            .build();

    static final UUID ID = UUID.fromString("0282e19d-8a3c-4d7f-9f0e-2b7b6b4b2f10");

    static Map<String, Object> entity() {
        Map<String, Object> values = new HashMap<>();
        values.put("displayName", "Marketing Campaign");
        values.put("description", null);
        values.put("id", ID);
        values.put("state", State.delivered);
        values.put("kind", "guest");
        values.put("isHidden", false);
        values.put("createdDateTime", Instant.parse("2024-06-01T12:00:00Z"));
        values.put("sequence", 7L);
        return values;
    }

    static boolean matches(String filter) {
        return FilterTranslator.matches(FilterParser.parse(filter), FIELDS, entity()::get);
    }

    @Test
    void comparisonsUseTheConvertedLiteral() {
        assertTrue(matches("displayName eq 'Marketing Campaign'"));
        assertFalse(matches("displayName eq 'marketing campaign'"));
        assertTrue(matches("id eq '" + ID.toString().toUpperCase() + "'"));
        assertTrue(matches("state eq 'Delivered'"));
        assertTrue(matches("kind eq 'GUEST'"));
        assertTrue(matches("isHidden eq false"));
        assertTrue(matches("createdDateTime gt 2024-01-01T00:00:00Z and createdDateTime le 2024-06-01T14:00:00+02:00"));
        assertFalse(matches("createdDateTime lt 2024-06-01T12:00:00Z"));
    }

    @Test
    void numbersCompareByValueWhateverTheirJavaType() {
        assertTrue(matches("sequence eq 7"));
        assertTrue(matches("sequence ge 7 and sequence lt 8"));
        assertTrue(matches("8 gt sequence"));
        assertFalse(matches("sequence gt 7"));
    }

    @Test
    void nullsFollowODataComparisonRules() {
        assertTrue(matches("description eq null"));
        assertFalse(matches("description ne null"));
        assertTrue(matches("description ne 'x'"));
        assertFalse(matches("description eq 'x'"));
        assertTrue(matches("not (description eq 'x')"));
        assertFalse(matches("description gt 'a'"));
        assertFalse(matches("description in ('x')"));
    }

    @Test
    void functionsOfNullAreUnknownAndUnknownNeverMatches() {
        assertFalse(matches("contains(description,'x')"));
        assertFalse(matches("not contains(description,'x')"));
        assertTrue(matches("contains(description,'x') or isHidden eq false"));
        assertFalse(matches("not (contains(description,'x') and isHidden eq false)"));
        assertTrue(matches("not (contains(description,'x') and isHidden eq true)"));
    }

    @Test
    void stringFunctionsAndCaseFolding() {
        assertTrue(matches("contains(tolower(displayName),'mark')"));
        assertTrue(matches("contains(tolower(displayName),'MARK')"));
        assertFalse(matches("contains(displayName,'mark')"));
        assertTrue(matches("startswith(displayName,'Market')"));
        assertTrue(matches("endswith(toupper(displayName),'campaign')"));
        assertTrue(matches("tolower(displayName) eq 'MARKETING campaign'"));
        assertFalse(matches("contains(displayName,'%')"));
    }

    @Test
    void inAndLogicalOperators() {
        assertTrue(matches("state in ('delivering','delivered')"));
        assertFalse(matches("kind in ('member')"));
        assertTrue(matches("not isHidden"));
        assertFalse(matches("isHidden"));
        assertTrue(matches("kind eq 'member' or sequence eq 7"));
        assertFalse(matches("kind eq 'member' and sequence eq 7"));
    }

    @Test
    void theSameMistakesAreRefusedAsInHql() {
        GraphException e = assertThrows(GraphException.class, () -> matches("secret eq 'x'"));
        assertEquals(400, e.status());
        assertThrows(GraphException.class, () -> matches("id eq 'nope'"));
        assertThrows(GraphException.class, () -> matches("state gt 'delivered'"));
        assertThrows(GraphException.class, () -> matches("displayName eq description"));
    }
}
