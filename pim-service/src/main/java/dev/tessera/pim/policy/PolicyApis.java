package dev.tessera.pim.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.common.DirectoryRoles;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.Expandable;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.PageToken;
import dev.tessera.platform.graph.query.ExpandItem;
import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.FilterTranslator;
import dev.tessera.platform.graph.query.Page;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code /policies/roleManagementPolicies} and {@code /policies/roleManagementPolicyAssignments}
 * for directory roles. Lists need the {@code $filter} on scopeId and scopeType that Graph requires;
 * every policy is at scope {@code /} (scopeType {@code DirectoryRole}, or {@code Directory} as Graph
 * also accepts). Anyone signed in reads; a Privileged Role Administrator PATCHes rules.
 */
final class PolicyApis {

    static final String POLICIES = "policies/roleManagementPolicies";
    static final String ASSIGNMENTS = "policies/roleManagementPolicyAssignments";

    private PolicyApis() {
    }

    static final FieldMap POLICY_FIELDS = FieldMap.builder()
            .string("id", "id").string("displayName", "displayName").string("description", "description")
            .bool("isOrganizationDefault", "isOrganizationDefault").string("scopeId", "scopeId")
            .string("scopeType", "scopeType").build();

    static final FieldMap ASSIGNMENT_FIELDS = FieldMap.builder()
            .string("id", "id").string("policyId", "policyId").string("roleDefinitionId", "roleDefinitionId")
            .string("scopeId", "scopeId").string("scopeType", "scopeType").build();

    /** Graph refuses these lists without a filter naming the scope. */
    /** Application permissions that read role management policies (any one suffices). */
    static final List<String> READ_PERMISSIONS = List.of("RoleManagementPolicy.Read.Directory",
            "RoleManagementPolicy.ReadWrite.Directory", "RoleManagement.Read.Directory", "RoleManagement.Read.All",
            "RoleManagement.ReadWrite.Directory");

    /**
     * Policies say who approves which role and how activations are checked: Entra shows them to
     * Privileged Role Administrators, Global Administrators and Global Readers (and apps with a
     * policy or role-management read permission), not to every signed-in user. Asked before the
     * query is even read, so a refused caller learns nothing from a validation error either.
     */
    static void requireReader(Caller caller) {
        boolean reader = caller.isPrivilegedRoleAdmin() || caller.hasDirectoryRole(DirectoryRoles.GLOBAL_READER)
                || READ_PERMISSIONS.stream().anyMatch(caller::hasAppRole);
        if (!reader) {
            throw GraphException.forbidden("Insufficient privileges to complete the operation.");
        }
    }

    static FilterExpr requireScopeFilter(QueryOptions options) {
        FilterExpr filter = options.filter().orElseThrow(() -> GraphException.badRequest(
                "The $filter must name the scope: scopeId eq '/' and scopeType eq 'DirectoryRole'."));
        Set<String> named = new HashSet<>();
        collectEquals(filter, named);
        if (!named.contains("scopeid") || !named.contains("scopetype")) {
            throw GraphException.badRequest("The $filter must name the scope with 'eq' on both scopeId and scopeType, "
                    + "e.g. scopeId eq '/' and scopeType eq 'DirectoryRole'.");
        }
        return filter;
    }

    private static void collectEquals(FilterExpr expr, Set<String> named) {
        if (expr instanceof FilterExpr.And and) {
            collectEquals(and.left(), named);
            collectEquals(and.right(), named);
        } else if (expr instanceof FilterExpr.Compare compare && compare.op() == FilterExpr.Op.EQ) {
            if (compare.left() instanceof FilterExpr.Property p) {
                named.add(p.joined().toLowerCase(java.util.Locale.ROOT));
            }
            if (compare.right() instanceof FilterExpr.Property p) {
                named.add(p.joined().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    /** A policy serves both scope types: Graph lists directory-role policies under either name. */
    static Map<String, Object> policyValues(ObjectNode policy, String scopeType) {
        Map<String, Object> values = new LinkedHashMap<>();
        policy.fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().isBoolean() ? f.getValue().asBoolean()
                : f.getValue().isNull() ? null : f.getValue().asText()));
        values.put("scopeType", scopeType);
        return values;
    }

    static boolean matches(FilterExpr filter, FieldMap fields, ObjectNode entity) {
        for (String scopeType : List.of("DirectoryRole", "Directory")) {
            Map<String, Object> values = policyValues(entity, scopeType);
            Function<String, Object> valueOf = values::get;
            if (FilterTranslator.matches(filter, fields, valueOf)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A scope-filtered list of policies or policy assignments in their Graph shape, keyset-paged by id
     * (the policies come ordered by role definition id, so by policy and assignment id too).
     */
    static Uni<ObjectNode> list(RolePolicies policies, GraphJson json, UriInfo uri, String entitySet, FieldMap fields,
            BiFunction<RolePolicies.Policy, QueryOptions, ObjectNode> shape) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        FilterExpr filter = requireScopeFilter(options);
        String after = options.skipToken().map(PageToken::decode).orElse(null);
        return policies.all().map(all -> {
            List<ObjectNode> rows = all.stream().map(p -> shape.apply(p, options))
                    .filter(node -> matches(filter, fields, node))
                    .filter(node -> after == null || node.get("id").asText().compareTo(after) > 0)
                    .limit(options.top() + 1L).toList();
            Page<ObjectNode> page = Page.of(rows, options.top(), node -> node.get("id").asText());
            return json.collection(uri, entitySet, page.items(), page.nextSkipToken(), options.select(), null);
        });
    }

    @Path("/v1.0/policies/roleManagementPolicies")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    public static class Policies {

        @Inject
        RolePolicies policies;

        @Inject
        GraphJson json;

        @Inject
        Caller caller;

        @GET
        @WithSession
        @Expandable(type = "unifiedRoleManagementPolicy", value = {"rules", "effectiveRules"})
        public Uni<ObjectNode> list(@Context UriInfo uri) {
            requireReader(caller);
            return PolicyApis.list(policies, json, uri, POLICIES, POLICY_FIELDS,
                    (p, options) -> PolicyJson.policy(json, p, options));
        }

        @GET
        @Path("{id}")
        @WithSession
        @Expandable(type = "unifiedRoleManagementPolicy", value = {"rules", "effectiveRules"})
        public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
            requireReader(caller);
            QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
            return policies.find(id).map(p -> json.entity(uri, POLICIES, PolicyJson.policy(json, p, options), options.select()));
        }

        @GET
        @Path("{id}/{rules: rules|effectiveRules}")
        @WithSession
        public Uni<ObjectNode> rules(@PathParam("id") String id, @PathParam("rules") String which, @Context UriInfo uri) {
            requireReader(caller);
            QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
            return policies.find(id).map(p -> {
                List<ObjectNode> rules = List.copyOf(p.rules().values());
                if (options.filter().isPresent()) {
                    FieldMap fields = FieldMap.builder().string("id", "id").build();
                    rules = rules.stream().filter(r -> FilterTranslator.matches(options.filter().get(), fields,
                            name -> r.path(name).asText(null))).toList();
                }
                return json.collection(uri, POLICIES + "('" + id + "')/" + which, rules, null, options.select(), null);
            });
        }

        @GET
        @Path("{id}/{rules: rules|effectiveRules}/{ruleId}")
        @WithSession
        public Uni<ObjectNode> rule(@PathParam("id") String id, @PathParam("rules") String which,
                @PathParam("ruleId") String ruleId, @Context UriInfo uri) {
            requireReader(caller);
            QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
            return policies.find(id).map(p -> {
                ObjectNode rule = p.rules().get(ruleId);
                if (rule == null) {
                    throw GraphException.notFound("Rule '" + ruleId + "' is not a rule of policy '" + id + "'.");
                }
                return json.entity(uri, POLICIES + "('" + id + "')/" + which, rule.deepCopy(), options.select());
            });
        }

        @PATCH
        @Path("{id}/rules/{ruleId}")
        @Consumes(MediaType.APPLICATION_JSON)
        public Uni<Response> patch(@PathParam("id") String id, @PathParam("ruleId") String ruleId, JsonNode body) {
            if (!caller.isPrivilegedRoleAdmin()) {
                throw GraphException.forbidden("Only a Privileged Role Administrator or Global Administrator may change "
                        + "role management policies.");
            }
            return policies.patchRule(id, ruleId, body, caller.objectId()).map(v -> Response.noContent().build());
        }
    }

    @Path("/v1.0/policies/roleManagementPolicyAssignments")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    public static class Assignments {

        @Inject
        RolePolicies policies;

        @Inject
        Caller caller;

        @Inject
        GraphJson json;

        @GET
        @WithSession
        @Expandable(type = "unifiedRoleManagementPolicyAssignment", value = {"policy"})
        public Uni<ObjectNode> list(@Context UriInfo uri) {
            requireReader(caller);
            return PolicyApis.list(policies, json, uri, ASSIGNMENTS, ASSIGNMENT_FIELDS,
                    (p, options) -> PolicyJson.assignment(json, p, options));
        }

        @GET
        @Path("{id}")
        @WithSession
        @Expandable(type = "unifiedRoleManagementPolicyAssignment", value = {"policy"})
        public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
            requireReader(caller);
            QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
            int split = id.lastIndexOf('_');
            if (split < 0) {
                throw GraphException.notFound("Role management policy assignment '" + id + "' was not found.");
            }
            String policyId = id.substring(0, split);
            return policies.find(policyId)
                    .onFailure(GraphException.class).transform(e -> GraphException.notFound(
                            "Role management policy assignment '" + id + "' was not found."))
                    .map(p -> {
                        if (!p.role().id.equalsIgnoreCase(id.substring(split + 1))) {
                            throw GraphException.notFound("Role management policy assignment '" + id + "' was not found.");
                        }
                        return json.entity(uri, ASSIGNMENTS, PolicyJson.assignment(json, p, options), options.select());
                    });
        }
    }

    /** Graph shapes of policies, rules and policy assignments, with the $expand options applied. */
    static final class PolicyJson {

        private PolicyJson() {
        }

        static ObjectNode policy(GraphJson json, RolePolicies.Policy p, QueryOptions options) {
            ObjectNode node = json.mapper().createObjectNode();
            node.put("id", p.id());
            node.put("displayName", "DirectoryRole");
            node.put("description", "DirectoryRole");
            node.put("isOrganizationDefault", false);
            node.put("scopeId", "/");
            node.put("scopeType", "DirectoryRole");
            node.put("lastModifiedDateTime", p.lastModifiedAt() == null ? null : p.lastModifiedAt().toString());
            if (p.lastModifiedBy() == null) {
                node.putNull("lastModifiedBy");
            } else {
                ObjectNode by = node.putObject("lastModifiedBy");
                by.putNull("displayName");
                by.put("id", p.lastModifiedBy().toString());
            }
            for (ExpandItem expand : options.expand()) {
                String name = expand.name();
                if (name.equalsIgnoreCase("rules") || name.equalsIgnoreCase("effectiveRules")) {
                    node.putArray(name.equalsIgnoreCase("rules") ? "rules" : "effectiveRules")
                            .addAll(p.rules().values().stream().map(ObjectNode::deepCopy).toList());
                } else {
                    throw GraphException.badRequest("'" + name + "' cannot be expanded on a role management policy; "
                            + "use rules or effectiveRules.");
                }
            }
            return node;
        }

        static ObjectNode assignment(GraphJson json, RolePolicies.Policy p, QueryOptions options) {
            ObjectNode node = json.mapper().createObjectNode();
            node.put("id", p.id() + "_" + p.role().id);
            node.put("policyId", p.id());
            node.put("scopeId", "/");
            node.put("scopeType", "DirectoryRole");
            node.put("roleDefinitionId", p.role().id);
            for (ExpandItem expand : options.expand()) {
                if (!expand.name().equalsIgnoreCase("policy")) {
                    throw GraphException.badRequest("'" + expand.name() + "' cannot be expanded on a role management "
                            + "policy assignment; use policy.");
                }
                node.set("policy", policy(json, p, expand.nested() == null ? QueryOptions.none() : expand.nested()));
            }
            return node;
        }
    }
}
