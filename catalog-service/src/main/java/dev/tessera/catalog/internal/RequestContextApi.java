package dev.tessera.catalog.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.accesspackage.AccessPackageService;
import dev.tessera.catalog.accesspackage.RoleScopeService;
import dev.tessera.catalog.policy.PolicyService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * For request-service's request path: a package, its policies (with questions) and its resource
 * roles in one call. Not a Graph API; the gateway does not route {@code /internal}.
 */
@Path("/internal/v1/accessPackages")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RequestContextApi {

    @Inject
    AccessPackageService packages;

    @Inject
    PolicyService policies;

    @Inject
    RoleScopeService roleScopes;

    @Inject
    ObjectMapper mapper;

    @GET
    @Path("{id}/requestContext")
    public Uni<ObjectNode> requestContext(@PathParam("id") String id) {
        return packages.find(id).chain(p -> policies.forPackage(p.id, true).chain(policyList ->
                roleScopes.refs(p.id).map(roles -> {
                    ObjectNode context = mapper.createObjectNode();
                    context.putObject("accessPackage")
                            .put("id", p.id.toString())
                            .put("displayName", p.displayName)
                            .put("description", p.description)
                            .put("isHidden", p.hidden)
                            .put("catalogId", p.catalogId.toString());
                    context.putArray("policies").addAll(policyList);
                    context.set("resourceRoles", mapper.valueToTree(roles));
                    return context;
                })));
    }
}
