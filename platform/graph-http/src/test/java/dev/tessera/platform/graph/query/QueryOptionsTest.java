package dev.tessera.platform.graph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.PageToken;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueryOptionsTest {

    static QueryOptions parse(Map<String, String> params) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return QueryOptions.parse(multi);
    }

    @Test
    void defaultsApplyWithoutOptions() {
        QueryOptions options = parse(Map.of());
        assertEquals(100, options.top());
        assertTrue(options.filter().isEmpty());
        assertTrue(options.expand().isEmpty());
    }

    @Test
    void nestedExpandIsParsedWithoutSplittingInsideParentheses() {
        QueryOptions options = parse(Map.of("$expand", "resourceRoleScopes($expand=role,scope),catalog"));
        assertEquals(2, options.expand().size());
        ExpandItem scopes = options.expands("resourceroleScopes").orElseThrow();
        assertTrue(scopes.nested().expands("role").isPresent());
        assertTrue(scopes.nested().expands("scope").isPresent());
        assertTrue(options.expands("catalog").isPresent());
        QueryOptions deep = parse(Map.of("$expand", "policy($expand=rules;$select=id)"));
        assertEquals(List.of("id"), deep.expands("policy").orElseThrow().nested().select());
    }

    @Test
    void optionNamesWorkWithOrWithoutDollarInAnyCase() {
        assertEquals(5, parse(Map.of("top", "5")).top());
        assertEquals(7, parse(Map.of("$TOP", "7")).top());
        assertTrue(parse(Map.of("$Filter", "displayName eq 'x'")).filter().isPresent());
    }

    @Test
    void topMustBeBetweenOneAnd999() {
        assertThrows(GraphException.class, () -> parse(Map.of("$top", "0")));
        assertThrows(GraphException.class, () -> parse(Map.of("$top", "1000")));
        assertThrows(GraphException.class, () -> parse(Map.of("$top", "ten")));
        assertEquals(999, parse(Map.of("$top", "999")).top());
    }

    @Test
    void unsupportedOrMalformedOptionsAreRefused() {
        assertThrows(GraphException.class, () -> parse(Map.of("$frobnicate", "1")));
        assertThrows(GraphException.class, () -> parse(Map.of("$orderby", "displayName")));
        assertThrows(GraphException.class, () -> parse(Map.of("$expand", "roles(")));
        assertThrows(GraphException.class, () -> parse(Map.of("$expand", "roles($bogus=1)")));
        assertThrows(GraphException.class, () -> parse(Map.of("$count", "maybe")));
        assertThrows(GraphException.class, () -> parse(Map.of("$select", "id;drop")));
    }

    @Test
    void skipTokensRoundTripAndForgeriesAreRefused() {
        UUID last = UUID.randomUUID();
        QueryOptions options = parse(Map.of("$skiptoken", PageToken.encode(last.toString())));
        assertEquals(last, options.afterId());
        assertThrows(GraphException.class, () -> parse(Map.of("$skiptoken", "garbage!")).afterId());
        assertThrows(GraphException.class, () -> parse(Map.of("$skiptoken", PageToken.encode("not-an-id"))).afterId());
    }

    @Test
    void nonOdataParametersAreLeftToTheApi() {
        assertEquals(100, parse(Map.of("on", "target")).top());
    }
}
