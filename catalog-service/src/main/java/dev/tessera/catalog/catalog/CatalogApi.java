package dev.tessera.catalog.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.accesspackage.AccessPackage;
import dev.tessera.catalog.accesspackage.AccessPackageJson;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@Path("/v1.0/identityGovernance/entitlementManagement/catalogs")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CatalogApi {

    static final String ENTITY_SET = "identityGovernance/entitlementManagement/catalogs";

    @Inject
    CatalogService catalogs;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @GET
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        caller.requireEntitlementReader();
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return catalogs.list(options).chain(page -> withPackages(page.items(), options).map(items ->
                json.collection(uri, ENTITY_SET, items, page.nextSkipToken(), options.select(), null)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(CatalogBody body, @Context UriInfo uri) {
        caller.requireEntitlementAdmin();
        return catalogs.create(body).map(catalog -> Response.status(201)
                .entity(json.entity(uri, ENTITY_SET, CatalogJson.of(catalog, null))).build());
    }

    @GET
    @Path("{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        caller.requireEntitlementReader();
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return catalogs.find(id).chain(catalog -> withPackages(List.of(catalog), options))
                .map(items -> json.entity(uri, ENTITY_SET, items.get(0), options.select()));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> update(@PathParam("id") String id, CatalogBody body) {
        caller.requireEntitlementAdmin();
        return catalogs.update(id, body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        caller.requireEntitlementAdmin();
        return catalogs.delete(id).replaceWith(Response.noContent().build());
    }

    private Uni<List<CatalogJson>> withPackages(List<Catalog> catalogs, QueryOptions options) {
        if (options.expands("accessPackages").isEmpty() || catalogs.isEmpty()) {
            return Uni.createFrom().item(catalogs.stream().map(c -> CatalogJson.of(c, null)).toList());
        }
        List<UUID> ids = catalogs.stream().map(c -> c.id).toList();
        return Panache.withSession(() -> AccessPackage.<AccessPackage>list("catalogId in ?1 order by displayName", ids))
                .map(packages -> {
                    Map<UUID, List<AccessPackage>> byCatalog = packages.stream()
                            .collect(Collectors.groupingBy(p -> p.catalogId));
                    List<CatalogJson> items = new ArrayList<>();
                    for (Catalog c : catalogs) {
                        List<Object> expanded = byCatalog.getOrDefault(c.id, List.of()).stream()
                                .map(p -> (Object) AccessPackageJson.of(p)).toList();
                        items.add(CatalogJson.of(c, expanded));
                    }
                    return items;
                });
    }
}
