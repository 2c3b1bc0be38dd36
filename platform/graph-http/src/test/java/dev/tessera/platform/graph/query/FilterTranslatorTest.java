package dev.tessera.platform.graph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.graph.GraphException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FilterTranslatorTest {

    enum State { delivering, delivered, expired }

    static final FieldMap FIELDS = FieldMap.builder()
            .string("displayName", "e.displayName")
            .string("originSystem", "e.originSystem")
            .uuid("id", "e.id")
            .uuid("resource/id", "e.resourceId")
            .uuid("accessPackage/id", "e.accessPackageId")
            .uuid("target/objectId", "e.targetObjectId")
            .enumeration("state", "e.state", State.class)
            .enumeration("userType", "e.userType", List.of("Member", "Guest"))
            .bool("isHidden", "e.hidden")
            .dateTime("createdDateTime", "e.createdAt")
            .integer("sequence", "e.sequence")
            .build();

    static final String G1 = "0282e19d-8a3c-4d7f-9f0e-2b7b6b4b2f10";
    static final String G2 = "46184453-e63b-4f20-86c2-c557ed5d5df9";

    static HqlFilter hql(String filter) {
        return FilterTranslator.toHql(FilterParser.parse(filter), FIELDS, 1);
    }

    static String error(String filter) {
        return assertThrows(GraphException.class, () -> hql(filter)).getMessage();
    }

    @Test
    void theDocsResourceRoleFilterBecomesParameterisedHql() {
        HqlFilter filter = hql("(originSystem eq 'AadGroup' and resource/id eq '" + G1 + "')");
        assertEquals("(e.originSystem = ?1 and e.resourceId = ?2)", filter.where());
        assertEquals(List.of("AadGroup", UUID.fromString(G1)), filter.params());
    }

    @Test
    void containsOfToLowerIsACaseInsensitiveLikeWithEscapedWildcards() {
        HqlFilter filter = hql("contains(tolower(displayName),'Mark_50%')");
        assertEquals("lower(e.displayName) like ?1 escape '\\'", filter.where());
        assertEquals(List.of("%mark\\_50\\%%"), filter.params());
        assertEquals(List.of("Sales%"), hql("startswith(displayName,'Sales')").params());
        assertEquals(List.of("%ales"), hql("endswith(displayName,'ales')").params());
    }

    @Test
    void propertyNamesAreCaseInsensitiveAsTheDocsWriteThem() {
        HqlFilter filter = hql("accessPackage/id eq '" + G1 + "' and target/objectid eq '" + G2 + "'");
        assertEquals("(e.accessPackageId = ?1 and e.targetObjectId = ?2)", filter.where());
    }

    @Test
    void enumValuesAreMatchedCaseInsensitivelyAndCanonicalised() {
        assertEquals(List.of(State.delivered), hql("state eq 'Delivered'").params());
        assertEquals(List.of("Guest"), hql("userType eq 'guest'").params());
        assertTrue(error("state eq 'lost'").contains("delivering, delivered, expired"));
    }

    @Test
    void precedenceIsNotThenAndThenOr() {
        assertEquals("(e.displayName = ?1 or (e.displayName = ?2 and not (e.hidden = ?3)))",
                hql("displayName eq 'a' or displayName eq 'b' and not isHidden eq true").where());
        assertEquals("((e.displayName = ?1 or e.displayName = ?2) and e.hidden = ?3)",
                hql("(displayName eq 'a' or displayName eq 'b') and isHidden eq true").where());
    }

    @Test
    void nullComparisonsBecomeIsNull() {
        assertEquals("e.displayName is null", hql("displayName eq null").where());
        assertEquals("e.displayName is not null", hql("displayName ne null").where());
        assertTrue(error("displayName gt null").contains("null"));
    }

    @Test
    void quotesAreEscapedByDoubling() {
        assertEquals(List.of("O'Brien"), hql("displayName eq 'O''Brien'").params());
    }

    @Test
    void comparisonsInAndLiteralTypesWork() {
        assertEquals("e.id in (?1, ?2)", hql("id in ('" + G1 + "', '" + G2 + "')").where());
        assertEquals(List.of(Instant.parse("2024-01-01T00:00:00Z")), hql("createdDateTime ge 2024-01-01T00:00:00Z").params());
        assertEquals("e.createdAt >= ?1", hql("createdDateTime ge 2024-01-01T00:00Z").where());
        assertEquals(List.of(3), hql("sequence lt 3").params());
        assertEquals("e.sequence > ?1", hql("3 lt sequence").where());
        assertEquals(List.of(UUID.fromString(G1)), hql("id eq " + G1).params());
    }

    @Test
    void plusSignsAreSpacesAsInFormEncodedDocsExamples() {
        assertEquals("e.targetObjectId = ?1", hql("target/objectid+eq+'" + G1 + "'").where());
    }

    @Test
    void clientMistakesAreBadRequestsNamingTheProblem() {
        assertTrue(error("secret eq 'x'").contains("secret"));
        assertTrue(error("id eq 'not-a-guid'").contains("not a valid id"));
        assertTrue(error("displayName eq 'open").contains("unterminated"));
        assertTrue(error("displayName eq 'a' extra").contains("unexpected token 'extra'"));
        assertTrue(error("(displayName eq 'a'").contains("expected ')'"));
        assertTrue(error("frobnicate(displayName,'a')").contains("unknown function"));
        assertTrue(error("displayName eq displayName").contains("literal"));
        assertTrue(error("isHidden eq 'yes'").contains("true or false"));
        assertTrue(error("displayName eq").contains("ends unexpectedly"));
        assertTrue(error("   ").contains("empty"));
        assertTrue(error("displayName eq 'a' ; drop table x").contains("unexpected character"));
        assertThrows(GraphException.class, () -> hql("contains(id,'a')"));
    }
}
