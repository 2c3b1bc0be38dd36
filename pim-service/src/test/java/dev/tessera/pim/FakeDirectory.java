package dev.tessera.pim;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Stands in for provisioning-service's users, groups and {@code /users/{id}/memberOf} over real
 * HTTP (served by the test application; the directory REST client points at it). Each test makes
 * its own users and groups.
 */
public final class FakeDirectory {

    /** A user whose lookups (and memberOf) fail with a 500, as a directory outage would. */
    public static final String UNREACHABLE_USER = "00000000-0000-4000-8000-0000000005a6";

    /** A user the directory refuses to show the caller (403), as it would for a token it does not accept. */
    public static final String FORBIDDEN_USER = "00000000-0000-4000-8000-0000000004f3";

    /** A service principal whose lookup fails with a 500, as a directory outage would. */
    public static final String UNREACHABLE_SERVICE_PRINCIPAL = "00000000-0000-4000-8000-0000000005a7";

    private static final Set<String> USERS = ConcurrentHashMap.newKeySet();
    private static final Set<String> UNREACHABLE = ConcurrentHashMap.newKeySet();
    private static final Set<String> SERVICE_PRINCIPALS = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> AUTHORIZATION = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> GROUPS = new ConcurrentHashMap<>();
    private static final Map<String, Set<String>> MEMBER_OF = new ConcurrentHashMap<>();
    /** Groups whose member list fails with a 500, as a directory outage would. */
    private static final Set<String> UNREACHABLE_MEMBERS = ConcurrentHashMap.newKeySet();

    private FakeDirectory() {
    }

    public static String newUser() {
        String id = UUID.randomUUID().toString();
        USERS.add(id);
        return id;
    }

    /** A user with a given id (a documented example's principal). */
    public static String addUser(String id) {
        USERS.add(id);
        return id;
    }

    /** A service principal of the directory (Tessera's application object). */
    public static String newServicePrincipal() {
        String id = UUID.randomUUID().toString();
        SERVICE_PRINCIPALS.add(id);
        return id;
    }

    /** The Authorization header a service principal was looked up with. */
    public static String authorizationSeenFor(String servicePrincipalId) {
        return AUTHORIZATION.get(servicePrincipalId);
    }

    public static String newGroup(boolean assignableToRole, String... members) {
        String id = UUID.randomUUID().toString();
        GROUPS.put(id, assignableToRole);
        for (String member : members) {
            addMember(id, member);
        }
        return id;
    }

    /** From now on, lookups of this user or group fail with a 500, as a directory outage would. */
    public static void makeUnreachable(String id) {
        UNREACHABLE.add(id);
    }

    /** A role-assignable group that exists but whose members the directory cannot list (500). */
    public static String newGroupWithUnreachableMembers() {
        String id = newGroup(true);
        UNREACHABLE_MEMBERS.add(id);
        return id;
    }

    public static void addMember(String groupId, String userId) {
        MEMBER_OF.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(groupId);
    }

    public static void removeMember(String groupId, String userId) {
        Set<String> groups = MEMBER_OF.get(userId);
        if (groups != null) {
            groups.remove(groupId);
        }
    }

    @Path("/v1.0/users")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Users {

        @GET
        @Path("{id}")
        public RestResponse<Map<String, Object>> get(@PathParam("id") String id) {
            if (UNREACHABLE_USER.equals(id) || UNREACHABLE.contains(id)) {
                return RestResponse.serverError();
            }
            if (FORBIDDEN_USER.equals(id)) {
                return RestResponse.status(RestResponse.Status.FORBIDDEN);
            }
            return USERS.contains(id) || MEMBER_OF.containsKey(id)
                    ? RestResponse.ok(Map.of("id", id, "displayName", "User " + id)) : RestResponse.notFound();
        }

        @GET
        @Path("{id}/memberOf")
        public RestResponse<Map<String, Object>> memberOf(@PathParam("id") String id) {
            if (UNREACHABLE_USER.equals(id)) {
                return RestResponse.serverError();
            }
            List<Map<String, Object>> groups = MEMBER_OF.getOrDefault(id, Set.of()).stream()
                    .map(g -> Map.<String, Object>of("@odata.type", "#microsoft.graph.group", "id", g)).toList();
            return RestResponse.ok(Map.of("value", groups));
        }
    }

    @Path("/v1.0/groups")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Groups {

        @GET
        @Path("{id}")
        public RestResponse<Map<String, Object>> get(@PathParam("id") String id) {
            if (UNREACHABLE.contains(id)) {
                return RestResponse.serverError();
            }
            Boolean assignable = GROUPS.get(id);
            return assignable == null ? RestResponse.notFound()
                    : RestResponse.ok(Map.of("id", id, "displayName", "Group " + id, "isAssignableToRole", assignable));
        }

        /** {@code /groups/{id}/members}: one page of users (with a {@code $skiptoken} past the first, as paging would). */
        @GET
        @Path("{id}/members")
        public RestResponse<Map<String, Object>> members(@PathParam("id") String id,
                @jakarta.ws.rs.QueryParam("$top") Integer top, @jakarta.ws.rs.QueryParam("$skiptoken") String skipToken) {
            if (UNREACHABLE_MEMBERS.contains(id)) {
                return RestResponse.serverError();
            }
            if (!GROUPS.containsKey(id)) {
                return RestResponse.notFound();
            }
            List<String> members = MEMBER_OF.entrySet().stream().filter(e -> e.getValue().contains(id))
                    .map(Map.Entry::getKey).sorted().toList();
            // provisioning-service's paging: the token names the last member of the page, sealed for the list
            int from = skipToken == null ? 0 : members.indexOf(dev.tessera.platform.graph.PageToken.decode(skipToken)) + 1;
            int size = top == null ? 100 : Math.min(top, 1); // one per page: the client must follow nextLink
            List<Map<String, Object>> page = members.subList(Math.min(from, members.size()),
                            Math.min(from + size, members.size())).stream()
                    .map(m -> Map.<String, Object>of("@odata.type", "#microsoft.graph.user", "id", m)).toList();
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("value", page);
            if (from + size < members.size()) {
                String path = "/v1.0/groups/" + id + "/members";
                String token = dev.tessera.platform.graph.PageToken.seal(path,
                        dev.tessera.platform.graph.PageToken.encode(members.get(from + size - 1)));
                body.put("@odata.nextLink", "http://directory" + path + "?%24top=" + top + "&%24skiptoken="
                        + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
            }
            return RestResponse.ok(body);
        }
    }

    @Path("/v1.0/servicePrincipals")
    @Produces(MediaType.APPLICATION_JSON)
    public static class ServicePrincipals {

        @GET
        @Path("{id}")
        public RestResponse<Map<String, Object>> get(@PathParam("id") String id,
                @jakarta.ws.rs.HeaderParam("Authorization") String authorization) {
            if (authorization != null) {
                AUTHORIZATION.put(id, authorization);
            }
            if (UNREACHABLE_SERVICE_PRINCIPAL.equals(id)) {
                return RestResponse.serverError();
            }
            return SERVICE_PRINCIPALS.contains(id) ? RestResponse.ok(Map.of("@odata.type",
                    "#microsoft.graph.servicePrincipal", "id", id, "displayName", "App " + id)) : RestResponse.notFound();
        }
    }
}
