package dev.tessera.catalog;

import jakarta.ws.rs.GET;
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
 * Stand-ins, served over real HTTP by the test application, for provisioning-service's
 * servicePrincipals and sites and pim-service's role definitions: the objects other than groups
 * that become catalog resources, with their owners (an application's owners, a site's Owners role).
 */
public final class FakeOriginApis {

    private FakeOriginApis() {
    }

    public record AppRole(String id, String displayName, List<String> allowedMemberTypes, boolean isEnabled) {
    }

    private static final Map<String, Map<String, Object>> APPS = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, Object>> SITES = new ConcurrentHashMap<>();
    private static final Map<String, String> ROLES = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> APP_OWNERS = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> SITE_OWNERS = new ConcurrentHashMap<>();

    /** An application (service principal) owned by the users given; returns its id. */
    public static String newApplication(String displayName, List<AppRole> appRoles, String... ownerIds) {
        String id = UUID.randomUUID().toString();
        APPS.put(id, Map.of("id", id, "appId", UUID.randomUUID().toString(), "displayName", displayName,
                "appRoles", appRoles));
        APP_OWNERS.put(id, List.of(ownerIds));
        return id;
    }

    /** A site with SharePoint's three default roles, the users given in its Owners role ("3"); returns its id. */
    public static String newSite(String displayName, String webUrl, String... ownerIds) {
        String id = UUID.randomUUID().toString();
        SITES.put(id, Map.of("id", id, "displayName", displayName, "webUrl", webUrl, "description", "Site " + displayName));
        SITE_OWNERS.put(id, List.of(ownerIds));
        return id;
    }

    public static String newRoleDefinition(String displayName) {
        String id = UUID.randomUUID().toString();
        ROLES.put(id, displayName);
        return id;
    }

    @Path("/v1.0/servicePrincipals")
    @Produces(MediaType.APPLICATION_JSON)
    public static class ServicePrincipals {

        @GET
        @Path("{id}")
        public RestResponse<Map<String, Object>> get(@PathParam("id") String id) {
            Map<String, Object> app = APPS.get(id);
            return app == null ? RestResponse.notFound() : RestResponse.ok(app);
        }

        /** Only the {@code $filter} catalog-service sends: {@code id eq '<id>'}. */
        @GET
        @Path("{id}/owners")
        public RestResponse<Map<String, Object>> owners(@PathParam("id") String id,
                @QueryParam("$filter") String filter) {
            List<String> owners = APP_OWNERS.get(id);
            return owners == null ? RestResponse.notFound() : RestResponse.ok(FakeDirectoryApi.users(owners, filter));
        }
    }

    @Path("/v1.0/sites")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Sites {

        /** Only what catalog-service sends: {@code webUrl eq '<url>'}. */
        @GET
        public RestResponse<Map<String, Object>> list(@QueryParam("$filter") String filter) {
            String url = filter == null ? null : filter.replaceFirst("^webUrl eq '(.*)'$", "$1").replace("''", "'");
            List<Map<String, Object>> found = SITES.values().stream()
                    .filter(site -> ((String) site.get("webUrl")).equalsIgnoreCase(url)).toList();
            return RestResponse.ok(Map.of("value", found));
        }

        @GET
        @Path("{id}/roles")
        public RestResponse<Map<String, Object>> roles(@PathParam("id") String id) {
            Map<String, Object> site = SITES.get(id);
            if (site == null) {
                return RestResponse.notFound();
            }
            String name = (String) site.get("displayName");
            return RestResponse.ok(Map.of("value", List.of(
                    Map.of("id", "3", "displayName", name + " Owners"),
                    Map.of("id", "4", "displayName", name + " Members"),
                    Map.of("id", "5", "displayName", name + " Visitors"))));
        }

        /** The Owners role's members as given; the other roles are empty here. */
        @GET
        @Path("{id}/roles/{roleId}/members")
        public RestResponse<Map<String, Object>> members(@PathParam("id") String id,
                @PathParam("roleId") String roleId, @QueryParam("$filter") String filter) {
            List<String> owners = SITE_OWNERS.get(id);
            if (owners == null) {
                return RestResponse.notFound();
            }
            return RestResponse.ok(FakeDirectoryApi.users("3".equals(roleId) ? owners : List.of(), filter));
        }
    }

    private static final Map<String, Map<String, Object>> USERS = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> MEMBER_OF = new ConcurrentHashMap<>();

    /** A user of the directory with a user type and group memberships; returns its id. */
    public static String newUser(String userType, String... groupIds) {
        String id = UUID.randomUUID().toString();
        USERS.put(id, Map.of("id", id, "displayName", "User " + id, "userType", userType));
        MEMBER_OF.put(id, List.of(groupIds));
        return id;
    }

    /** A guest of the directory with a mail (whose domain names their connected organization); returns its id. */
    public static String newGuest(String mail) {
        String id = UUID.randomUUID().toString();
        USERS.put(id, Map.of("id", id, "displayName", "Guest " + mail, "userType", "Guest", "mail", mail,
                "userPrincipalName", mail.replace('@', '_') + "#EXT#@tessera.onmicrosoft.com"));
        MEMBER_OF.put(id, List.of());
        return id;
    }

    /** A member of the directory with a mail; returns its id. */
    public static String newMemberWithMail(String mail) {
        String id = UUID.randomUUID().toString();
        USERS.put(id, Map.of("id", id, "displayName", "User " + mail, "userType", "Member", "mail", mail));
        MEMBER_OF.put(id, List.of());
        return id;
    }

    @Path("/v1.0/users")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Users {

        @GET
        @Path("{id}")
        public RestResponse<Map<String, Object>> get(@PathParam("id") String id) {
            Map<String, Object> user = USERS.get(id);
            return user == null ? RestResponse.notFound() : RestResponse.ok(user);
        }

        @GET
        @Path("{id}/memberOf")
        public RestResponse<Map<String, Object>> memberOf(@PathParam("id") String id) {
            List<String> groups = MEMBER_OF.get(id);
            return groups == null ? RestResponse.notFound() : RestResponse.ok(Map.of("value", groups.stream()
                    .map(g -> Map.of("@odata.type", "#microsoft.graph.group", "id", g)).toList()));
        }
    }

    @Path("/v1.0/roleManagement/directory/roleDefinitions")
    @Produces(MediaType.APPLICATION_JSON)
    public static class RoleDefinitions {

        @GET
        @Path("{id}")
        public RestResponse<Map<String, Object>> get(@PathParam("id") String id) {
            String name = ROLES.get(id);
            return name == null ? RestResponse.notFound()
                    : RestResponse.ok(Map.of("id", id, "displayName", name, "isBuiltIn", true, "templateId", id));
        }
    }
}
