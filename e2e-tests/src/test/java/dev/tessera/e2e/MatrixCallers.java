package dev.tessera.e2e;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.common.ServiceIdentity;
import dev.tessera.infra.DevKeys;
import dev.tessera.infra.TokenMinter;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One bearer token per column of the authorization matrix, minted with the stack's key. Built here
 * with smallrye-jwt directly rather than TokenMinter, because the matrix needs shapes a development
 * token never has: another audience, an expired token, app-only tokens with chosen permissions.
 */
final class MatrixCallers {

    /** The audience Tessera is configured for (docs/security.md). */
    static final String AUDIENCE = "api://tessera";

    /** Every delegated scope of the matrix's permission table: what `./tessera token` gives by default. */
    static final String ALL_SCOPES = String.join(" ", List.of("EntitlementManagement.ReadWrite.All",
            "RoleManagement.ReadWrite.Directory", "RoleEligibilitySchedule.ReadWrite.Directory",
            "RoleAssignmentSchedule.ReadWrite.Directory", "RoleManagementPolicy.ReadWrite.Directory",
            "User.ReadWrite.All", "Group.ReadWrite.All", "GroupMember.ReadWrite.All", "Application.ReadWrite.All",
            "AppRoleAssignment.ReadWrite.All", "Sites.FullControl.All", "AdministrativeUnit.ReadWrite.All",
            "Directory.ReadWrite.All", "LifecycleWorkflows.ReadWrite.All"));

    /** The service token's application permissions (docs/security.md). */
    static final List<String> SERVICE_ROLES = List.of("Tessera.Internal", "EntitlementManagement.Read.All",
            "Directory.Read.All", "RoleManagement.Read.Directory", "Sites.Read.All");

    private final DevKeys keys;

    MatrixCallers(DevKeys keys) {
        this.keys = keys;
    }

    /** A delegated token: {@code scp}, the user's directory roles in {@code wids}, MFA done. */
    String delegated(String oid, String scopes, String... directoryRoles) {
        return sign(claims(oid, AUDIENCE, Instant.now().plus(Duration.ofHours(2)))
                .claim("scp", scopes)
                .claim("amr", List.of("pwd", "mfa"))
                .claim("wids", List.of(directoryRoles).stream().map(r -> DirectoryRoles.resolve(r).orElseThrow()).toList()));
    }

    /** An app-only token (client credentials): application permissions in {@code roles}, no {@code scp}. */
    String appOnly(String oid, List<String> permissions) {
        return sign(claims(oid, AUDIENCE, Instant.now().plus(Duration.ofHours(2)))
                .claim("idtyp", "app").claim("azp", "matrix-app").claim("app_displayname", "matrix-app")
                .claim("roles", permissions));
    }

    /**
     * The token of every column, given the directory users the fixtures created (by column name:
     * guest, member, requestor, …, ga).
     */
    Map<String, String> tokens(Map<String, String> users) {
        String ga = "Global Administrator";
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("none", null);
        tokens.put("expired", sign(claims(users.get("ga"), AUDIENCE, Instant.now().minus(Duration.ofHours(1)))
                .issuedAt(Instant.now().minus(Duration.ofHours(2))).claim("scp", ALL_SCOPES)
                .claim("wids", List.of(DirectoryRoles.GLOBAL_ADMINISTRATOR))));
        tokens.put("wrongAudience", sign(claims(users.get("ga"), "api://another-application",
                Instant.now().plus(Duration.ofHours(2))).claim("scp", ALL_SCOPES)
                .claim("wids", List.of(DirectoryRoles.GLOBAL_ADMINISTRATOR))));
        tokens.put("noScope", delegated(users.get("ga"), "User.Read", ga));
        tokens.put("appEmRead", appOnly(random(), List.of("EntitlementManagement.Read.All")));
        tokens.put("appEmWrite", appOnly(random(), List.of("EntitlementManagement.ReadWrite.All")));
        tokens.put("appRoleRead", appOnly(random(), List.of("RoleManagement.Read.Directory")));
        tokens.put("appRoleWrite", appOnly(random(), List.of("RoleManagement.ReadWrite.Directory")));
        tokens.put("appDirRead", appOnly(random(), List.of("Directory.Read.All")));
        tokens.put("appDirWrite", appOnly(random(), List.of("Directory.ReadWrite.All")));
        tokens.put("delegatedRolesClaim", sign(claims(users.get("delegatedRolesClaim"), AUDIENCE,
                Instant.now().plus(Duration.ofHours(2))).claim("scp", ALL_SCOPES).claim("amr", List.of("pwd", "mfa"))
                .claim("wids", List.of())
                .claim("roles", List.of("RoleManagement.ReadWrite.Directory", "EntitlementManagement.ReadWrite.All"))));
        tokens.put("outsider", delegated(random(), ALL_SCOPES));
        for (String plain : List.of("guest", "member", "requestor", "approver", "catalogReaderOther",
                "catalogOwnerOther", "catalogOwner", "packageManager", "assignmentManager")) {
            tokens.put(plain, delegated(users.get(plain), ALL_SCOPES));
        }
        tokens.put("groupsAdmin", delegated(users.get("groupsAdmin"), ALL_SCOPES, "Groups Administrator"));
        tokens.put("userAdmin", delegated(users.get("userAdmin"), ALL_SCOPES, "User Administrator"));
        tokens.put("iga", delegated(users.get("iga"), ALL_SCOPES, "Identity Governance Administrator"));
        tokens.put("pra", delegated(users.get("pra"), ALL_SCOPES, "Privileged Role Administrator"));
        tokens.put("ga", delegated(users.get("ga"), ALL_SCOPES, ga));
        tokens.put("service", appOnly(ServiceIdentity.objectId(ServiceIdentity.REQUEST_SERVICE).toString(), SERVICE_ROLES));
        return tokens;
    }

    private JwtClaimsBuilder claims(String oid, String audience, Instant expires) {
        return Jwt.issuer(TokenMinter.DEFAULT_ISSUER)
                .subject(oid)
                .audience(audience)
                .issuedAt(Instant.now())
                .expiresAt(expires)
                .claim("oid", oid)
                .claim("tid", "00000000-0000-0000-0000-000000000001");
    }

    private String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("tessera-dev").sign(keys.privateKey());
    }

    private static String random() {
        return UUID.randomUUID().toString();
    }
}
