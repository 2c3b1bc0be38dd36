package dev.tessera.provisioning;

import static io.restassured.RestAssured.given;

import dev.tessera.testsupport.Tokens;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds directory data through the public API, with fresh names so tests never collide. */
public final class Directory {

    private static final String ADMIN_ID = UUID.randomUUID().toString();

    private Directory() {
    }

    /**
     * A User, Application and SharePoint Administrator: may write users, groups, memberships, service
     * principals with their app-role assignments, and sites.
     */
    public static String admin() {
        return Tokens.admin(ADMIN_ID, "User Administrator", "Application Administrator", "SharePoint Administrator");
    }

    /** A Privileged Role Administrator: administrative units (and role-assignable groups, privileged users). */
    public static String unitAdmin() {
        return Tokens.admin(ADMIN_ID, "Privileged Role Administrator");
    }

    /** A Global Administrator: also role-assignable groups and privileged users. */
    public static String globalAdmin() {
        return Tokens.admin(ADMIN_ID, "Global Administrator");
    }

    /** A token of a fresh member user of the directory (no directory role): reads, never writes. */
    public static String member() {
        return Tokens.user(createUser("Plain Member"));
    }

    /** A token of a fresh guest of the directory. */
    public static String guest() {
        return Tokens.user(createUser("Some Guest", Map.of("userType", "Guest")));
    }

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String createUser(String name) {
        return createUser(name, Map.of());
    }

    public static String createUser(String name, Map<String, Object> extra) {
        String nickname = unique(name.replaceAll("[^A-Za-z0-9]", ""));
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "accountEnabled", true,
                "displayName", name,
                "mailNickname", nickname,
                "userPrincipalName", nickname + "@contoso.onmicrosoft.com",
                "passwordProfile", Map.of("forceChangePasswordNextSignIn", true, "password", "xWwvJ]6NMw+bWH-d")));
        body.putAll(extra);
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body)
                .when().post("/v1.0/users")
                .then().statusCode(201)
                .extract().path("id");
    }

    public static String createGroup(String name) {
        return createGroup(name, Map.of());
    }

    public static String createGroup(String name, Map<String, Object> extra) {
        return createGroup(admin(), name, extra);
    }

    /** As the holder of this token: a role-assignable group needs {@link #globalAdmin()}. */
    public static String createGroup(String token, String name, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "displayName", name,
                "mailNickname", unique(name.replaceAll("[^A-Za-z0-9]", "")),
                "mailEnabled", false,
                "securityEnabled", true));
        body.putAll(extra);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/v1.0/groups")
                .then().statusCode(201)
                .extract().path("id");
    }

    public static void addMember(String groupId, String userId) {
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/" + userId))
                .when().post("/v1.0/groups/" + groupId + "/members/$ref")
                .then().statusCode(204);
    }

    /** A service principal with the given app roles (each a map as Graph's appRole); returns its id. */
    public static String createServicePrincipal(String name, List<Map<String, Object>> appRoles) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "appRoles", appRoles))
                .when().post("/v1.0/servicePrincipals")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** An enabled app role for users and groups, with a fresh id and value. */
    public static Map<String, Object> appRole(String displayName) {
        return new java.util.HashMap<>(Map.of("id", UUID.randomUUID().toString(), "displayName", displayName,
                "value", unique(displayName.replaceAll("[^A-Za-z0-9]", "")), "allowedMemberTypes", List.of("User")));
    }

    public static String createSite(String name, String webUrl) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "webUrl", webUrl))
                .when().post("/v1.0/sites")
                .then().statusCode(201)
                .extract().path("id");
    }

    public static String createAdministrativeUnit(String name) {
        return given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", name))
                .when().post("/v1.0/directory/administrativeUnits")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** The body of a $ref add naming a directory object the way the Graph docs do. */
    public static Map<String, String> ref(String objectId) {
        return Map.of("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/" + objectId);
    }
}
