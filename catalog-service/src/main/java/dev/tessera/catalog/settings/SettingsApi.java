package dev.tessera.catalog.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphJson;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /identityGovernance/entitlementManagement/settings}: a singleton, read with GET and changed with PATCH (204). */
@Path("/v1.0/identityGovernance/entitlementManagement/settings")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SettingsApi {

    static final String ENTITY_SET = "identityGovernance/entitlementManagement/settings";

    @Inject
    SettingsService settings;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @GET
    public Uni<ObjectNode> get(@Context UriInfo uri) {
        caller.requireEntitlementReader();
        return settings.get().map(current -> json.entity(uri, ENTITY_SET, current));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Void>> update(SettingsBody body) {
        caller.requireEntitlementAdmin();
        return settings.update(body).map(done -> RestResponse.noContent());
    }
}
