package dev.tessera.platform.graph;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code tessera.authorization.token-directory-roles}: whether the directory roles a delegated token
 * states in {@code wids} count in {@link Caller} (docs/pim.md, "Where a caller's roles come from";
 * docs/operations.md). Tessera's own role state always counts.
 * <ul>
 * <li>{@code auto} (default): trusted when the token was issued by Entra ID
 * ({@code https://login.microsoftonline.com/{tenant}/v2.0} or {@code https://sts.windows.net/{tenant}/}),
 * whose {@code wids} are the tenant's role assignments; ignored for any other issuer, whose claims say
 * what that IdP was told, not what this directory granted.</li>
 * <li>{@code trusted}: always (the local stack's dev token minter, tests, an IdP fed from Tessera).</li>
 * <li>{@code ignored}: never; only Tessera's role state counts.</li>
 * </ul>
 */
public enum TokenDirectoryRoles {
    AUTO, TRUSTED, IGNORED;

    public static final String PROPERTY = "tessera.authorization.token-directory-roles";

    private static final Pattern ENTRA_V2 = Pattern.compile(
            "^https://login\\.microsoftonline\\.com/[0-9a-fA-F-]{36}/v2\\.0$");
    private static final Pattern ENTRA_V1 = Pattern.compile("^https://sts\\.windows\\.net/[0-9a-fA-F-]{36}/$");

    /** The setting's value, case-insensitive; anything else is a configuration error. */
    public static TokenDirectoryRoles parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be auto, trusted or ignored, not '" + value + "'");
        }
    }

    /** Whether the {@code wids} of a token from {@code issuer} count under this setting. */
    public boolean trustsWids(String issuer) {
        return switch (this) {
            case TRUSTED -> true;
            case IGNORED -> false;
            case AUTO -> isEntraIssuer(issuer);
        };
    }

    /** Entra ID's v2.0 or v1.0 issuer for a tenant (a GUID); nothing else. */
    public static boolean isEntraIssuer(String issuer) {
        return issuer != null && (ENTRA_V2.matcher(issuer).matches() || ENTRA_V1.matcher(issuer).matches());
    }
}
