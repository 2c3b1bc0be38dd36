package dev.tessera.provisioning.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphJson;
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
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /identityGovernance/lifecycleWorkflows}: the built-in task definitions, workflows with their
 * versions, on-demand activation, and what ran (runs, userProcessingResults, taskProcessingResults).
 * Who may: {@link LifecycleAccess}.
 */
@Path("/v1.0/identityGovernance/lifecycleWorkflows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class LifecycleWorkflowsApi {

    static final String BASE = "identityGovernance/lifecycleWorkflows/";

    @Inject
    WorkflowService service;

    @Inject
    LifecycleAccess access;

    @Inject
    GraphJson json;

    @GET
    @Path("taskDefinitions")
    public ObjectNode taskDefinitions(@Context UriInfo uri) {
        access.requireRead();
        return json.collection(uri, BASE + "taskDefinitions",
                TaskDefinitions.ALL.stream().map(d -> WorkflowJson.taskDefinition(json.mapper(), d)).toList(), null);
    }

    @GET
    @Path("taskDefinitions/{id}")
    public ObjectNode taskDefinition(@PathParam("id") String id, @Context UriInfo uri) {
        access.requireRead();
        TaskDefinitions.Definition definition = TaskDefinitions.find(id).orElseThrow(() -> WorkflowService.notFound(id));
        return json.entity(uri, BASE + "taskDefinitions", WorkflowJson.taskDefinition(json.mapper(), definition));
    }

    @POST
    @Path("workflows")
    public Uni<RestResponse<ObjectNode>> create(JsonNode body, @Context UriInfo uri) {
        return service.create(body).map(created -> RestResponse.status(Response.Status.CREATED,
                json.entity(uri, BASE + "workflows", created)));
    }

    @GET
    @Path("workflows")
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        return service.list().map(all -> collection(uri, "workflows", all));
    }

    @GET
    @Path("workflows/{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        return service.get(id).map(w -> json.entity(uri, BASE + "workflows", w));
    }

    @PATCH
    @Path("workflows/{id}")
    public Uni<Void> update(@PathParam("id") String id, JsonNode body) {
        return service.update(id, body);
    }

    @DELETE
    @Path("workflows/{id}")
    public Uni<Void> delete(@PathParam("id") String id) {
        return service.delete(id);
    }

    /** Graph's action is {@code microsoft.graph.identityGovernance.activate}; the short name works too. */
    @POST
    @Path("workflows/{id}/{action: activate|microsoft\\.graph\\.identityGovernance\\.activate}")
    public Uni<Void> activate(@PathParam("id") String id, JsonNode body) {
        return service.activate(id, body);
    }

    @GET
    @Path("workflows/{id}/versions")
    public Uni<ObjectNode> versions(@PathParam("id") String id, @Context UriInfo uri) {
        return service.versions(id).map(all -> collection(uri, "workflows('" + id + "')/versions", all));
    }

    @GET
    @Path("workflows/{id}/versions/{number}")
    public Uni<ObjectNode> version(@PathParam("id") String id, @PathParam("number") String number, @Context UriInfo uri) {
        return service.version(id, number).map(v -> json.entity(uri, BASE + "workflows('" + id + "')/versions", v));
    }

    @GET
    @Path("workflows/{id}/runs")
    public Uni<ObjectNode> runs(@PathParam("id") String id, @Context UriInfo uri) {
        return service.runs(id).map(all -> collection(uri, "workflows('" + id + "')/runs", all));
    }

    @GET
    @Path("workflows/{id}/runs/{runId}")
    public Uni<ObjectNode> run(@PathParam("id") String id, @PathParam("runId") String runId, @Context UriInfo uri) {
        return service.run(id, runId).map(r -> json.entity(uri, BASE + "workflows('" + id + "')/runs", r));
    }

    @GET
    @Path("workflows/{id}/runs/{runId}/userProcessingResults")
    public Uni<ObjectNode> runUsers(@PathParam("id") String id, @PathParam("runId") String runId, @Context UriInfo uri) {
        return service.userResults(id, runId).map(all -> collection(uri,
                "workflows('" + id + "')/runs('" + runId + "')/userProcessingResults", all));
    }

    @GET
    @Path("workflows/{id}/runs/{runId}/userProcessingResults/{resultId}")
    public Uni<ObjectNode> runUser(@PathParam("id") String id, @PathParam("runId") String runId,
            @PathParam("resultId") String resultId, @Context UriInfo uri) {
        return service.userResult(id, runId, resultId).map(u -> json.entity(uri,
                BASE + "workflows('" + id + "')/runs('" + runId + "')/userProcessingResults", u));
    }

    @GET
    @Path("workflows/{id}/runs/{runId}/userProcessingResults/{resultId}/taskProcessingResults")
    public Uni<ObjectNode> runUserTasks(@PathParam("id") String id, @PathParam("runId") String runId,
            @PathParam("resultId") String resultId, @Context UriInfo uri) {
        return service.taskResults(id, runId, resultId).map(all -> collection(uri, "workflows('" + id + "')/runs('"
                + runId + "')/userProcessingResults('" + resultId + "')/taskProcessingResults", all));
    }

    @GET
    @Path("workflows/{id}/userProcessingResults")
    public Uni<ObjectNode> users(@PathParam("id") String id, @Context UriInfo uri) {
        return service.userResults(id, null).map(all -> collection(uri, "workflows('" + id + "')/userProcessingResults", all));
    }

    @GET
    @Path("workflows/{id}/userProcessingResults/{resultId}")
    public Uni<ObjectNode> user(@PathParam("id") String id, @PathParam("resultId") String resultId, @Context UriInfo uri) {
        return service.userResult(id, null, resultId).map(u -> json.entity(uri,
                BASE + "workflows('" + id + "')/userProcessingResults", u));
    }

    @GET
    @Path("workflows/{id}/userProcessingResults/{resultId}/taskProcessingResults")
    public Uni<ObjectNode> userTasks(@PathParam("id") String id, @PathParam("resultId") String resultId,
            @Context UriInfo uri) {
        return service.taskResults(id, null, resultId).map(all -> collection(uri,
                "workflows('" + id + "')/userProcessingResults('" + resultId + "')/taskProcessingResults", all));
    }

    private ObjectNode collection(UriInfo uri, String set, List<ObjectNode> all) {
        return json.collection(uri, BASE + set, all, null);
    }
}
