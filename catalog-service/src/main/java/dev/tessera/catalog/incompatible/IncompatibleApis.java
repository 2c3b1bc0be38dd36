package dev.tessera.catalog.incompatible;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.accesspackage.AccessPackageJson;
import dev.tessera.catalog.role.CatalogAccess;
import dev.tessera.catalog.role.CatalogAction;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.ODataRef;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code accessPackages/{id}/incompatibleAccessPackages}, {@code …/incompatibleGroups} (list,
 * {@code $ref} add and remove) and the read-only {@code …/accessPackagesIncompatibleWith}.
 */
final class IncompatibleApis {

    static final String PACKAGES = "/v1.0/identityGovernance/entitlementManagement/accessPackages/{accessPackageId}/";
    static final String SET = "identityGovernance/entitlementManagement/accessPackages('%s')/%s";
    /** {@code $ref} as curl and the Graph SDKs send it, or percent-encoded as some HTTP clients do. */
    static final String REF = "{ref: \\$ref|%24ref}";

    private IncompatibleApis() {
    }

    @Path(PACKAGES + "incompatibleAccessPackages")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    public static class IncompatiblePackages {

        @Inject
        Incompatibilities incompatibilities;

        @Inject
        CatalogAccess access;

        @Inject
        GraphJson json;

        @GET
        public Uni<ObjectNode> list(@PathParam("accessPackageId") String packageId, @Context UriInfo uri) {
            return access.requireForPackage(packageId, CatalogAction.READ)
                    .chain(() -> incompatibilities.incompatiblePackages(packageId)).map(found -> json.collection(uri,
                    SET.formatted(packageId, "incompatibleAccessPackages"), found.stream().map(AccessPackageJson::of).toList(), null));
        }

        @POST
        @Path(REF)
        @Consumes(MediaType.APPLICATION_JSON)
        public Uni<RestResponse<Void>> add(@PathParam("accessPackageId") String packageId, ODataRef body) {
            // the other package must be one the caller may see (it may be in another catalog)
            return access.requireForPackage(packageId, CatalogAction.MANAGE_PACKAGES)
                    .chain(() -> body == null ? Uni.createFrom().voidItem() : access.requireForPackageRef(
                            body.id(Incompatibilities.PACKAGE_COLLECTIONS).toString(), "@odata.id", CatalogAction.READ))
                    .chain(() -> incompatibilities.addPackage(packageId, body)).map(v -> RestResponse.noContent());
        }

        @DELETE
        @Path("{otherId}/" + REF)
        public Uni<RestResponse<Void>> remove(@PathParam("accessPackageId") String packageId,
                @PathParam("otherId") String otherId) {
            return access.requireForPackage(packageId, CatalogAction.MANAGE_PACKAGES)
                    .chain(() -> incompatibilities.removePackage(packageId, otherId)).map(v -> RestResponse.noContent());
        }
    }

    @Path(PACKAGES + "accessPackagesIncompatibleWith")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    public static class IncompatibleWith {

        @Inject
        Incompatibilities incompatibilities;

        @Inject
        CatalogAccess access;

        @Inject
        GraphJson json;

        @GET
        public Uni<ObjectNode> list(@PathParam("accessPackageId") String packageId, @Context UriInfo uri) {
            return access.requireForPackage(packageId, CatalogAction.READ)
                    .chain(() -> incompatibilities.packagesIncompatibleWith(packageId)).map(found -> json.collection(uri,
                    SET.formatted(packageId, "accessPackagesIncompatibleWith"), found.stream().map(AccessPackageJson::of).toList(),
                    null));
        }
    }

    @Path(PACKAGES + "incompatibleGroups")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    public static class IncompatibleGroups {

        @Inject
        Incompatibilities incompatibilities;

        @Inject
        CatalogAccess access;

        @Inject
        Caller caller;

        @Inject
        GraphJson json;

        @GET
        public Uni<ObjectNode> list(@PathParam("accessPackageId") String packageId, @Context UriInfo uri) {
            return access.requireForPackage(packageId, CatalogAction.READ)
                    .chain(() -> incompatibilities.incompatibleGroups(packageId)).map(groups -> json.collection(uri,
                    SET.formatted(packageId, "incompatibleGroups"), groups.stream().map(g -> {
                        Map<String, Object> group = new LinkedHashMap<>();
                        group.put("@odata.type", "#microsoft.graph.group");
                        group.put("id", g.id());
                        group.put("displayName", g.displayName());
                        return group;
                    }).toList(), null));
        }

        @POST
        @Path(REF)
        @Consumes(MediaType.APPLICATION_JSON)
        public Uni<RestResponse<Void>> add(@PathParam("accessPackageId") String packageId, ODataRef body) {
            return access.requireForPackage(packageId, CatalogAction.MANAGE_PACKAGES)
                    .chain(() -> incompatibilities.addGroup(packageId, body)).map(v -> RestResponse.noContent());
        }

        @DELETE
        @Path("{groupId}/" + REF)
        public Uni<RestResponse<Void>> remove(@PathParam("accessPackageId") String packageId,
                @PathParam("groupId") String groupId) {
            return access.requireForPackage(packageId, CatalogAction.MANAGE_PACKAGES)
                    .chain(() -> incompatibilities.removeGroup(packageId, groupId)).map(v -> RestResponse.noContent());
        }
    }
}
