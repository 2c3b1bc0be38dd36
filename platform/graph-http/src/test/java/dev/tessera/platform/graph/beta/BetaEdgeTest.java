package dev.tessera.platform.graph.beta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BetaEdgeTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    record Simple(String betaSegment, String v1Segment, Map<String, String> properties) implements BetaMapping {
        @Override
        public ObjectNode requestToV1(ObjectNode beta) {
            return beta;
        }

        @Override
        public ObjectNode entityToBeta(ObjectNode v1) {
            if (v1.has("state")) {
                v1.set("catalogStatus", v1.remove("state"));
            }
            return v1;
        }
    }

    static final Simple CATALOGS = new Simple("accessPackageCatalogs", "catalogs",
            Map.of("catalogStatus", "state", "accessPackageResources", "resources"));
    static final Simple RESOURCES = new Simple("accessPackageResources", "resources", Map.of());
    static final Simple ROLES = new Simple("accessPackageResourceRoles", "resourceRoles",
            Map.of("accessPackageResource", "resource"));
    static final Simple PACKAGES = new Simple("accessPackages", "accessPackages",
            Map.of("catalogId", "catalog/id", "accessPackageResourceRole", "role",
                    "accessPackageResourceScope", "scope"));
    static final Simple ROLE_SCOPES = new Simple("accessPackageResourceRoleScopes", "resourceRoleScopes", Map.of());

    final BetaMappings mappings = new BetaMappings(List.of(CATALOGS, RESOURCES, ROLES, PACKAGES, ROLE_SCOPES));
    static final String EM = "/identityGovernance/entitlementManagement/";

    @Test
    void pathsAreRewrittenSegmentBySegment() {
        assertEquals("/v1.0" + EM + "catalogs", mappings.toV1("/beta" + EM + "accessPackageCatalogs").v1Path());
        BetaMappings.Translated nested = mappings.toV1("/beta" + EM + "accessPackageCatalogs/c1/accessPackageResourceRoles");
        assertEquals("/v1.0" + EM + "catalogs/c1/resourceRoles", nested.v1Path());
        assertEquals(ROLES, nested.mapping());
        assertEquals("/v1.0" + EM + "accessPackages/p1/resourceRoleScopes/r_s",
                mappings.toV1("/beta" + EM + "accessPackages/p1/accessPackageResourceRoleScopes/r_s").v1Path());
        assertEquals("/v1.0" + EM + "catalogs/c1", mappings.toV1("/beta" + EM + "AccessPackageCatalogs/c1").v1Path());
    }

    @Test
    void pathsWithoutAMappingAreA404NamingThePath() {
        for (String path : List.of("/beta", "/beta/users", "/beta" + EM + "accessPackageAssignments",
                "/beta" + EM + "catalogs", "/beta/identityGovernance/accessReviews/definitions",
                "/beta" + EM + "accessPackages/x/../../../../internal/deadLetters",
                "/beta" + EM + "accessPackages/%2e%2e/%2E%2E", "/beta" + EM + "accessPackages//x",
                "/beta" + EM + "accessPackages/a%2Fb", "/beta" + EM + "accessPackages/./x")) {
            GraphException e = assertThrows(GraphException.class, () -> mappings.toV1(path), path);
            assertEquals(404, e.status());
            assertEquals(true, e.getMessage().contains("'" + path + "'"), e.getMessage());
        }
    }

    @Test
    void filterNamesAreRewrittenCaseInsensitivelyButNeverInsideStrings() {
        assertEquals("state eq 'catalogStatus' and displayName eq 'General'",
                mappings.option(CATALOGS, "$filter", "CatalogStatus eq 'catalogStatus' and displayName eq 'General'"));
        assertEquals("(originSystem eq 'AadGroup' and resource/id eq 'x' and DisplayName eq 'Member')",
                mappings.option(ROLES, "$filter",
                        "(originSystem eq 'AadGroup' and accessPackageResource/id eq 'x' and DisplayName eq 'Member')"));
        assertEquals("catalog/id eq 'it''s catalogId'",
                mappings.option(PACKAGES, "$filter", "catalogId eq 'it''s catalogId'"));
        // a filter the v1.0 lexer refuses is passed on as written, for v1.0's own 400
        assertEquals("catalogId eq 'open", mappings.option(PACKAGES, "$filter", "catalogId eq 'open"));
    }

    @Test
    void expandSelectAndOrderbyAreRewrittenIncludingNestedOptions() {
        assertEquals("resourceRoleScopes($expand=role,scope)", mappings.option(PACKAGES, "$expand",
                "accessPackageResourceRoleScopes($expand=accessPackageResourceRole,accessPackageResourceScope)"));
        assertEquals("resources($filter=displayName eq 'accessPackageResources')", mappings.option(CATALOGS,
                "$expand", "accessPackageResources($filter=displayName eq 'accessPackageResources')"));
        assertEquals("id,state", mappings.option(CATALOGS, "$select", "id,catalogStatus"));
        assertEquals("state desc", mappings.option(CATALOGS, "$orderby", "catalogStatus desc"));
        assertEquals("10", mappings.option(CATALOGS, "$top", "10"));
    }

    @Test
    void answersAreRewrittenToBetaWithTheirLinks() throws Exception {
        BetaResponseFilter filter = new BetaResponseFilter();
        filter.mappings = mappings;
        ObjectNode collection = (ObjectNode) MAPPER.readTree("""
                {"@odata.context":"http://localhost:8080/v1.0/$metadata#identityGovernance/entitlementManagement/catalogs",
                 "@odata.nextLink":"http://localhost:8080/v1.0/identityGovernance/entitlementManagement/catalogs?$top=1&$skiptoken=abc",
                 "value":[{"id":"1","state":"published"},{"id":"2","state":"unpublished"}]}""");
        assertEquals(MAPPER.readTree("""
                {"@odata.context":"http://localhost:8080/beta/$metadata#identityGovernance/entitlementManagement/accessPackageCatalogs",
                 "@odata.nextLink":"http://localhost:8080/beta/identityGovernance/entitlementManagement/accessPackageCatalogs?$top=1&$skiptoken=abc",
                 "value":[{"id":"1","catalogStatus":"published"},{"id":"2","catalogStatus":"unpublished"}]}"""),
                filter.toBeta(CATALOGS, collection));
        ObjectNode entity = (ObjectNode) MAPPER.readTree("""
                {"@odata.context":"http://h/v1.0/$metadata#identityGovernance/entitlementManagement/accessPackages('p1')/resourceRoleScopes/$entity",
                 "id":"r_s"}""");
        assertEquals(MAPPER.readTree("""
                {"@odata.context":"http://h/beta/$metadata#identityGovernance/entitlementManagement/accessPackages('p1')/accessPackageResourceRoleScopes/$entity",
                 "id":"r_s"}"""), filter.toBeta(ROLE_SCOPES, entity));
        assertEquals("http://h/beta/identityGovernance/entitlementManagement/accessPackageCatalogs/c1/accessPackageResources/r1",
                filter.link("http://h/v1.0/identityGovernance/entitlementManagement/catalogs/c1/resources/r1"));
    }

    @Test
    void theNextLinkOfABetaPageRepeatsTheBetaRequestWithV1sSkipToken() {
        String link = BetaResponseFilter.nextLink(
                "https://graph.example.com/v1.0/identityGovernance/entitlementManagement/catalogs?%24filter=state%20eq%20%27published%27&%24top=1&%24skiptoken=t%2B1",
                java.net.URI.create("http://internal:8081/beta/identityGovernance/entitlementManagement/accessPackageCatalogs?$filter=catalogStatus%20eq%20'Published'&$top=1"));
        assertEquals("https://graph.example.com/beta/identityGovernance/entitlementManagement/accessPackageCatalogs"
                + "?%24filter=catalogStatus%20eq%20%27Published%27&%24top=1&%24skiptoken=t%2B1", link);
    }
}
