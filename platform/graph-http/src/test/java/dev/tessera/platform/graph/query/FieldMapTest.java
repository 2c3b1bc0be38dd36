package dev.tessera.platform.graph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.graph.GraphException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldMapTest {

    enum Color { red, darkBlue }

    static final String G1 = "0282e19d-8a3c-4d7f-9f0e-2b7b6b4b2f10";

    static final FieldMap FIELDS = FieldMap.builder()
            .string("displayName", "e.displayName")
            .uuid("id", "e.id")
            .uuid("target/objectId", "e.targetObjectId")
            .enumeration("state", "e.state", List.of("delivering", "delivered", "expired"))
            .enumeration("color", "e.color", Color.class)
            .bool("isHidden", "e.hidden")
            .dateTime("createdDateTime", "e.createdAt")
            .integer("sequence", "e.sequence")
            .build();

    static Object convert(String field, Object literal) {
        return FIELDS.require(field).convert(literal);
    }

    static String error(String field, Object literal) {
        GraphException e = assertThrows(GraphException.class, () -> convert(field, literal));
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void propertyNamesAreMatchedCaseInsensitivelyAndKeepTheirDeclaredSpelling() {
        FieldMap.Field field = FIELDS.require("TARGET/objectid");
        assertEquals("target/objectId", field.graphName());
        assertEquals("e.targetObjectId", field.hqlPath());
        assertEquals(FieldMap.Type.UUID, field.type());
        assertTrue(FIELDS.find("displayname").isPresent());
        assertTrue(FIELDS.find("nope").isEmpty());
    }

    @Test
    void anUndeclaredPropertyIsNotFilterableAndTheMessageListsWhatIs() {
        GraphException e = assertThrows(GraphException.class, () -> FIELDS.require("secret"));
        assertEquals(400, e.status());
        assertEquals("Invalid $filter: property 'secret' is not filterable here; filterable properties: displayName, id,"
                + " target/objectId, state, color, isHidden, createdDateTime, sequence.", e.getMessage());
    }

    @Test
    void namesAreListedInDeclarationOrder() {
        assertEquals(List.of("displayName", "id", "target/objectId", "state", "color", "isHidden", "createdDateTime",
                "sequence"), FIELDS.names());
    }

    @Test
    void stringFieldsTakeOnlyQuotedStrings() {
        assertEquals("General", convert("displayName", "General"));
        assertEquals("Invalid $filter: 'displayName' must be compared with a string in quotes, not 5.",
                error("displayName", new BigDecimal("5")));
        assertEquals("Invalid $filter: 'displayName' must be compared with a string in quotes, not true.",
                error("displayName", true));
        assertEquals("Invalid $filter: 'displayName' must be compared with a string in quotes, not " + G1 + ".",
                error("displayName", UUID.fromString(G1)));
    }

    @Test
    void uuidFieldsTakeQuotedOrBareGuidsInAnyCase() {
        assertEquals(UUID.fromString(G1), convert("id", G1));
        assertEquals(UUID.fromString(G1), convert("id", G1.toUpperCase()));
        assertEquals(UUID.fromString(G1), convert("id", UUID.fromString(G1)));
    }

    @Test
    void aMalformedGuidIsNotAValidId() {
        assertEquals("Invalid $filter: 'not-a-guid' is not a valid id for 'id'.", error("id", "not-a-guid"));
        assertEquals("Invalid $filter: '0282e19d-8a3c-4d7f-9f0e-2b7b6b4b2f1' is not a valid id for 'target/objectId'.",
                error("target/objectId", G1.substring(0, 35)));
        assertEquals("Invalid $filter: 5 is not a valid id for 'id'.", error("id", new BigDecimal("5")));
        assertEquals("Invalid $filter: '' is not a valid id for 'id'.", error("id", ""));
    }

    @ParameterizedTest
    @CsvSource({"Delivered,delivered", "delivered,delivered", "DELIVERING,delivering", "eXpIrEd,expired"})
    void enumValuesAreMatchedCaseInsensitivelyAndCanonicalised(String given, String canonical) {
        assertEquals(canonical, convert("state", given));
    }

    @Test
    void javaEnumFieldsConvertToTheConstant() {
        assertEquals(Color.darkBlue, convert("color", "DarkBlue"));
        assertEquals(List.of("red", "darkBlue"), FIELDS.require("color").allowedValues());
    }

    @Test
    void anUnknownEnumValueIsRefusedNamingTheAllowedValues() {
        assertEquals("Invalid $filter: 'lost' is not a valid value for 'state'; allowed values: delivering, delivered,"
                + " expired.", error("state", "lost"));
        assertEquals("Invalid $filter: 1 is not a valid value for 'color'; allowed values: red, darkBlue.",
                error("color", new BigDecimal("1")));
    }

    @Test
    void booleanFieldsTakeOnlyTrueOrFalse() {
        assertEquals(true, convert("isHidden", true));
        assertEquals(false, convert("isHidden", false));
        assertEquals("Invalid $filter: 'isHidden' must be compared with true or false, not 'true'.",
                error("isHidden", "true"));
        assertEquals("Invalid $filter: 'isHidden' must be compared with true or false, not 1.",
                error("isHidden", new BigDecimal("1")));
    }

    @ParameterizedTest
    @CsvSource({
        "2024-01-01T00:00:00Z, 2024-01-01T00:00:00Z",
        "2024-01-01T00:00Z, 2024-01-01T00:00:00Z",
        "2024-01-01T02:00:00+02:00, 2024-01-01T00:00:00Z",
        "2023-12-31T19:00:00-05:00, 2024-01-01T00:00:00Z",
        "2024-01-01T00:00:00.5Z, 2024-01-01T00:00:00.500Z",
        "2024-01-01T00:00:00.123456789Z, 2024-01-01T00:00:00.123456789Z",
        "2024-01-01t00:00:00z, 2024-01-01T00:00:00Z"})
    void quotedDateTimesAreReadAsInstants(String given, String expected) {
        assertEquals(Instant.parse(expected), convert("createdDateTime", given));
    }

    @Test
    void bareDateTimesFromTheParserBecomeInstants() {
        OffsetDateTime at = OffsetDateTime.of(2024, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2));
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), convert("createdDateTime", at));
    }

    @Test
    void dateTimesWithoutOffsetOrOutOfRangeAreRefused() {
        String hint = " is not a valid date-time for 'createdDateTime'; write it like 2024-01-01T00:00:00Z.";
        assertEquals("Invalid $filter: '2024-01-01T00:00:00'" + hint, error("createdDateTime", "2024-01-01T00:00:00"));
        assertEquals("Invalid $filter: '2024-01-01'" + hint, error("createdDateTime", "2024-01-01"));
        assertEquals("Invalid $filter: '2024-02-30T00:00:00Z'" + hint, error("createdDateTime", "2024-02-30T00:00:00Z"));
        assertEquals("Invalid $filter: 'yesterday'" + hint, error("createdDateTime", "yesterday"));
        assertEquals("Invalid $filter: 2024" + hint, error("createdDateTime", new BigDecimal("2024")));
    }

    @Test
    void integerFieldsTakeWholeNumbersThatFitAnInt() {
        assertEquals(42, convert("sequence", new BigDecimal("42")));
        assertEquals(-7, convert("sequence", new BigDecimal("-7")));
        assertEquals(3, convert("sequence", new BigDecimal("3.0")));
        assertEquals("Invalid $filter: 'sequence' must be compared with a whole number, not 1.5.",
                error("sequence", new BigDecimal("1.5")));
        assertEquals("Invalid $filter: 'sequence' must be compared with a whole number, not 99999999999.",
                error("sequence", new BigDecimal("99999999999")));
        assertEquals("Invalid $filter: 'sequence' must be compared with a whole number, not '3'.",
                error("sequence", "3"));
    }

    @Test
    void declaringAPropertyTwiceIsAProgrammingError() {
        FieldMap.Builder builder = FieldMap.builder().string("displayName", "a");
        assertThrows(IllegalArgumentException.class, () -> builder.uuid("DisplayName", "b"));
        assertThrows(IllegalArgumentException.class, () -> FieldMap.builder().enumeration("s", "s", List.of()));
    }
}
