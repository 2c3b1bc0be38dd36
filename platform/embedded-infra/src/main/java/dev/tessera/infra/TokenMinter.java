package dev.tessera.infra;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.common.ServiceIdentity;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Mints the bearer tokens of a local stack or a test run, shaped like Entra ID's: {@code oid} (the
 * caller), {@code wids} (directory role template ids), {@code roles}, {@code scp}, {@code amr}.
 */
public final class TokenMinter {

    public static final String DEFAULT_ISSUER = "https://tessera.local/dev";

    private final DevKeys keys;
    private final String issuer;

    public TokenMinter(DevKeys keys) {
        this(keys, DEFAULT_ISSUER);
    }

    public TokenMinter(DevKeys keys, String issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    /** A token for the user (or app) with this object id: {@code oid} and {@code sub}. */
    public Builder forUser(String objectId) {
        return new Builder(objectId);
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

    /**
     * The token request-service sends when it has no user's token: its identity with
     * {@link ServiceIdentity#PERMISSION}, valid for {@code ttl}.
     */
    public String serviceToken(Duration ttl) {
        return forService(ServiceIdentity.REQUEST_SERVICE).appRole(ServiceIdentity.PERMISSION).ttl(ttl).sign();
    }

    public String issuer() {
        return issuer;
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
        private String scopes = "EntitlementManagement.ReadWrite.All RoleManagement.ReadWrite.Directory";
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

        /** An application permission for the {@code roles} claim, e.g. EntitlementManagement.ReadWrite.All. */
        public Builder appRole(String permission) {
            appRoles.add(permission);
            return this;
        }

        public Builder appRoles(Collection<String> permissions) {
            appRoles.addAll(permissions);
            return this;
        }

        /** The delegated scopes of the {@code scp} claim, space-separated. */
        public Builder scopes(String scopes) {
            this.scopes = scopes;
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
                    .audience("https://graph.microsoft.com")
                    .issuedAt(now)
                    .expiresAt(now.plus(ttl))
                    .claim("oid", objectId)
                    .claim("tid", "00000000-0000-0000-0000-000000000001")
                    .claim("wids", List.copyOf(wids))
                    .claim("roles", List.copyOf(appRoles));
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
