package dev.tessera.request.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** provisioning-service's member list of a group, page by page; used only through {@link GroupMembers}. */
@RegisterRestClient(configKey = "directory")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/v1.0/groups")
interface GroupMembersClient {

    @GET
    @Path("{id}/members")
    Uni<JsonNode> members(@PathParam("id") String groupId, @QueryParam("$top") int top,
            @QueryParam("$select") String select, @QueryParam("$skiptoken") String skipToken);
}
