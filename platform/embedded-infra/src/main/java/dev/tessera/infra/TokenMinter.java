package dev.tessera.infra;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.common.ServiceIdentity;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Mints the bearer tokens of a local stack or a test run, shaped like Entra ID's: {@code oid} (the
 * caller), {@code aud}, {@code wids} (directory role template ids), {@code roles}, {@code scp}, {@code amr}.
 * A user's token ({@link #forUser}) is delegated: it has {@code scp} (by default {@link #DEFAULT_SCOPES})
 * and its directory roles in {@code wids}. An app's ({@link #forApp}, {@link #forService}) is app-only:
 * no {@code scp}, {@code idtyp} "app", application permissions in {@code roles}.
 */
public final class TokenMinter {

    public static final String DEFAULT_ISSUER = "https://tessera.local/dev";

    /** The audience the services accept unless configured otherwise ({@code mp.jwt.verify.audiences}). */
    public static final String DEFAULT_AUDIENCE = "api://tessera";

    /**
     * The delegated scopes of a user's token unless {@link Builder#scopes} says otherwise: every
     * ReadWrite permission of Tessera's Graph endpoints, the consent a Graph admin app holds.
     */
    public static final List<String> DEFAULT_SCOPES = List.of(
            "EntitlementManagement.ReadWrite.All",
            "RoleManagement.ReadWrite.Directory",
            "RoleEligibilitySchedule.ReadWrite.Directory",
            "RoleAssignmentSchedule.ReadWrite.Directory",
            "RoleManagementPolicy.ReadWrite.Directory",
            "User.ReadWrite.All",
            "Group.ReadWrite.All",
            "GroupMember.ReadWrite.All",
            "Directory.ReadWrite.All",
            "Application.ReadWrite.All",
            "AppRoleAssignment.ReadWrite.All",
            "AdministrativeUnit.ReadWrite.All",
            "Sites.FullControl.All",
            "LifecycleWorkflows.ReadWrite.All");

    private final DevKeys keys;
    private final String issuer;

    public TokenMinter(DevKeys keys) {
        this(keys, DEFAULT_ISSUER);
    }

    public TokenMinter(DevKeys keys, String issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    /** A delegated token for the user with this object id: {@code oid} and {@code sub}. */
    public Builder forUser(String objectId) {
        return new Builder(objectId);
    }

    /**
     * An app-only token (client credentials) for an application: {@code azp}/{@code app_displayname}
     * the app, {@code oid}/{@code sub} its service principal (the app id itself when it is a GUID, else
     * a GUID derived from it), application permissions by {@link Builder#appRole}, no {@code scp}.
     */
    public Builder forApp(String appId) {
        String objectId = isGuid(appId) ? appId
                : UUID.nameUUIDFromBytes(("tessera-app:" + appId).getBytes(StandardCharsets.UTF_8)).toString();
        Builder builder = new Builder(objectId);
        builder.app = appId;
        return builder;
    }

    /**
     * An app-only token for a Tessera service (see {@link ServiceIdentity}), shaped like Entra's
     * client-credentials tokens: {@code oid}/{@code sub} the service's id, {@code idtyp} "app",
     * {@code azp} and {@code app_displayname} its name, application permissions in {@code roles},
     * and no {@code scp} or {@code amr} (nobody signed in).
     */
    public Builder forService(String service) {
        Builder builder = new Builder(ServiceIdentity.objectId(service).toString());
        builder.app = service;
        return builder;
    }

    /** request-service's service token, see {@link #serviceToken(String, Duration)}. */
    public String serviceToken(Duration ttl) {
        return serviceToken(ServiceIdentity.REQUEST_SERVICE, ttl);
    }

    /**
     * The token a service sends on every call to another: its identity with
     * {@link ServiceIdentity#PERMISSIONS} ({@code Tessera.Internal} and the reads its peers need),
     * valid for {@code ttl}.
     */
    public String serviceToken(String service, Duration ttl) {
        return forService(service).appRoles(ServiceIdentity.PERMISSIONS).ttl(ttl).sign();
    }

    public String issuer() {
        return issuer;
    }

    private static boolean isGuid(String text) {
        try {
            return text != null && UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Graph object ids are GUIDs; services parse {@code oid} as one, so a typo fails here, not there. */
    private static String objectId(String objectId) {
        try {
            return UUID.fromString(objectId).toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("The user's object id must be a GUID, not '" + objectId + "'");
        }
    }

    public final class Builder {

        private final String objectId;
        private final List<String> wids = new ArrayList<>();
        private final List<String> appRoles = new ArrayList<>();
        private String scopes = String.join(" ", DEFAULT_SCOPES);
        private String audience = DEFAULT_AUDIENCE;
        private boolean mfa;
        private Duration ttl = Duration.ofHours(8);
        private String upn;
        private String email;
        private String app;

        private Builder(String objectId) {
            this.objectId = objectId(objectId);
        }

        /** A directory role by display name ("Identity Governance Administrator") or template id. */
        public Builder role(String nameOrId) {
            wids.add(DirectoryRoles.resolve(nameOrId).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown directory role '" + nameOrId + "'; known roles: "
                            + new TreeSet<>(DirectoryRoles.byName().keySet()))));
            return this;
        }

        public Builder roles(Collection<String> namesOrIds) {
            namesOrIds.forEach(this::role);
            return this;
        }

        /**
         * An application permission for the {@code roles} claim, e.g. EntitlementManagement.ReadWrite.All.
         * It counts only in an app-only token; in a user's it grants nothing (as a role of some other app would).
         */
        public Builder appRole(String permission) {
            appRoles.add(permission);
            return this;
        }

        public Builder appRoles(Collection<String> permissions) {
            appRoles.addAll(permissions);
            return this;
        }

        /** The delegated scopes of the {@code scp} claim, space-separated (a user's token only). */
        public Builder scopes(String scopes) {
            this.scopes = scopes;
            return this;
        }

        /** The {@code aud} claim; {@link #DEFAULT_AUDIENCE} unless set (a test may mint a wrong one; null: none). */
        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder mfa(boolean mfa) {
            this.mfa = mfa;
            return this;
        }

        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        public Builder upn(String upn) {
            this.upn = upn;
            return this;
        }

        /**
         * The {@code email} claim: the caller's address, as Entra puts it in the token of a partner's
         * user who signs in with their home account (an external requestor not in the directory).
         */
        public Builder email(String email) {
            this.email = email;
            return this;
        }

        /** The compact JWS, for an {@code Authorization: Bearer} header. */
        public String sign() {
            Instant now = Instant.now();
            JwtClaimsBuilder claims = Jwt.issuer(issuer)
                    .subject(objectId)
                    .issuedAt(now)
                    .expiresAt(now.plus(ttl))
                    .claim("oid", objectId)
                    .claim("tid", "00000000-0000-0000-0000-000000000001")
                    .claim("wids", List.copyOf(wids))
                    .claim("roles", List.copyOf(appRoles));
            if (audience != null) {
                claims.audience(audience);
            }
            if (app != null) {
                claims.claim("idtyp", "app").claim("azp", app).claim("app_displayname", app);
            } else {
                claims.claim("scp", scopes)
                        .claim("amr", mfa ? List.of("pwd", "mfa") : List.of("pwd"));
            }
            if (upn != null) {
                claims.upn(upn);
            }
            if (email != null) {
                claims.claim("email", email);
            }
            return claims.jws().keyId("tessera-dev").sign(keys.privateKey());
        }
    }
}
