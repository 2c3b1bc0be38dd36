package dev.tessera.request.fake;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Stands in for provisioning-service's user reads over real HTTP. */
@Path("/v1.0/users")
@Produces(MediaType.APPLICATION_JSON)
public class FakeDirectoryApi {

    static final Map<String, String> USER_TYPES = new ConcurrentHashMap<>();
    static final Map<String, Set<String>> GROUPS = new ConcurrentHashMap<>();
    static final Map<String, String> MANAGERS = new ConcurrentHashMap<>();

    static final Map<String, String> BY_MAIL = new ConcurrentHashMap<>();

    /** Properties a user read shows besides id, userType and displayName (mail, userPrincipalName). */
    static final Map<String, Map<String, String>> PROPERTIES = new ConcurrentHashMap<>();

    /** A user the directory also finds by mail ({@code $filter=tolower(mail) eq '…'}), and shows with it. */
    public static void userWithMail(String id, String userType, String mail) {
        user(id, userType);
        BY_MAIL.put(mail.toLowerCase(java.util.Locale.ROOT), id);
        PROPERTIES.put(id, Map.of("mail", mail));
    }

    /** An invited guest without a mail, known only by the principal name that encodes their address. */
    public static void guestWithPrincipalName(String id, String userPrincipalName) {
        user(id, "Guest");
        PROPERTIES.put(id, Map.of("userPrincipalName", userPrincipalName));
    }

    @GET
    public Map<String, Object> list(@jakarta.ws.rs.QueryParam("$filter") String filter) {
        java.util.regex.Matcher mail = java.util.regex.Pattern.compile("tolower\\(mail\\) eq '(.*)'").matcher(
                filter == null ? "" : filter);
        String id = mail.matches() ? BY_MAIL.get(mail.group(1).replace("''", "'")) : null;
        return Map.of("value", id == null ? List.of() : List.of(Map.of("id", id, "userType", USER_TYPES.get(id))));
    }

    public static void manager(String userId, String managerId) {
        MANAGERS.put(userId, managerId);
    }

    public static void user(String id, String userType, String... groupIds) {
        USER_TYPES.put(id, userType);
        GROUPS.put(id, Set.of(groupIds));
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        String type = USER_TYPES.get(id);
        if (type == null) {
            throw new NotFoundException();
        }
        Map<String, Object> user = new java.util.HashMap<>(Map.of("id", id, "userType", type, "displayName", "User " + id));
        user.putAll(PROPERTIES.getOrDefault(id, Map.of()));
        return user;
    }

    @GET
    @Path("{id}/manager")
    public Map<String, Object> manager(@PathParam("id") String id) {
        String manager = MANAGERS.get(id);
        if (manager == null) {
            throw new NotFoundException();
        }
        return Map.of("@odata.type", "#microsoft.graph.user", "id", manager);
    }

    @GET
    @Path("{id}/memberOf")
    public Map<String, Object> memberOf(@PathParam("id") String id) {
        return Map.of("value", GROUPS.getOrDefault(id, Set.of()).stream()
                .map(g -> Map.of("@odata.type", "#microsoft.graph.group", "id", g)).toList());
    }
}
