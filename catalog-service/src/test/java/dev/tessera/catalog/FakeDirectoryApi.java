package dev.tessera.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Stands in for provisioning-service's {@code GET /v1.0/groups/{id}} and {@code /groups/{id}/owners}
 * over real HTTP: the test application serves it and the directory REST client points at the test
 * application. Remembers the Authorization header each group was read with.
 */
@Path("/v1.0/groups")
@Produces(MediaType.APPLICATION_JSON)
public class FakeDirectoryApi {

    /** A group id whose lookup fails with a 500, as a directory outage would. */
    public static final String BROKEN = "00000000-0000-4000-8000-0000000005a5";

    private record Group(String displayName, boolean roleAssignable, boolean unified, List<String> owners,
            boolean dynamic) {

        Group(String displayName, boolean roleAssignable, boolean unified, List<String> owners) {
            this(displayName, roleAssignable, unified, owners, false);
        }
    }

    private static final Map<String, Group> GROUPS = new ConcurrentHashMap<>();
    private static final Map<String, String> AUTHORIZATION = new ConcurrentHashMap<>();

    /** A new security group in the fake directory, owned by the users given; returns its id. */
    public static String newGroup(String displayName, String... ownerIds) {
        return add(new Group(displayName, false, false, List.of(ownerIds)));
    }

    /** A new role-assignable security group (isAssignableToRole), owned by the users given; returns its id. */
    public static String newRoleAssignableGroup(String displayName, String... ownerIds) {
        return add(new Group(displayName, true, false, List.of(ownerIds)));
    }

    /** A new Microsoft 365 group (groupTypes Unified); returns its id. */
    public static String newUnifiedGroup(String displayName) {
        return add(new Group(displayName, false, true, List.of()));
    }

    /** A new security group with dynamic membership (groupTypes DynamicMembership); returns its id. */
    public static String newDynamicGroup(String displayName) {
        return add(new Group(displayName, false, false, List.of(), true));
    }

    private static String add(Group group) {
        String id = UUID.randomUUID().toString();
        GROUPS.put(id, group);
        return id;
    }

    /** The group leaves the fake directory, as a deleted group does. */
    public static void delete(String groupId) {
        GROUPS.remove(groupId);
    }

    /** The Authorization header the group was last read with. */
    public static String authorizationSeenFor(String groupId) {
        return AUTHORIZATION.get(groupId);
    }

    @GET
    @Path("{id}")
    public RestResponse<Map<String, Object>> get(@PathParam("id") String id,
            @HeaderParam("Authorization") String authorization) {
        if (authorization != null) {
            AUTHORIZATION.put(id, authorization);
        }
        if (BROKEN.equals(id)) {
            return RestResponse.serverError();
        }
        Group group = GROUPS.get(id);
        if (group == null) {
            return RestResponse.notFound();
        }
        return RestResponse.ok(Map.of("@odata.type", "#microsoft.graph.group", "id", id,
                "displayName", group.displayName(), "description", "Group " + group.displayName(),
                "securityEnabled", true, "mailEnabled", group.unified(),
                "groupTypes", group.unified() ? List.of("Unified")
                        : group.dynamic() ? List.of("DynamicMembership") : List.of(),
                "isAssignableToRole", group.roleAssignable()));
    }

    /** Only the {@code $filter} catalog-service sends: {@code id eq '<id>'}. */
    @GET
    @Path("{id}/owners")
    public RestResponse<Map<String, Object>> owners(@PathParam("id") String id, @QueryParam("$filter") String filter) {
        Group group = GROUPS.get(id);
        return group == null ? RestResponse.notFound() : RestResponse.ok(users(group.owners(), filter));
    }

    /** A directoryObject collection of the users, filtered by {@code id eq '<id>'} when asked. */
    static Map<String, Object> users(List<String> ids, String filter) {
        String wanted = filter == null ? null : filter.replaceFirst("^id eq '(.*)'$", "$1");
        return Map.of("value", ids.stream().filter(id -> wanted == null || id.equalsIgnoreCase(wanted))
                .map(id -> Map.of("@odata.type", "#microsoft.graph.user", "id", id)).toList());
    }
}
