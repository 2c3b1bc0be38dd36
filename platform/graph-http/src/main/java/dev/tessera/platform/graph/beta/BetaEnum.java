package dev.tessera.platform.graph.beta;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A beta enumeration string table: beta writes PascalCase strings ({@code UserAdd}, {@code Delivered}) where v1.0
 * has camelCase enum members ({@code userAdd}, {@code delivered}). Beta → v1.0 matches case-insensitively (the
 * beta service does); a value not in the table passes unchanged, so v1.0's validation answers it with its own
 * Graph error.
 */
public final class BetaEnum {

    private final Map<String, String> toV1 = new LinkedHashMap<>();
    private final Map<String, String> toBeta = new LinkedHashMap<>();

    private BetaEnum() {
    }

    /** Pairs of beta value, v1.0 value; the first pair naming a v1.0 value is the one v1.0 → beta shows. */
    public static BetaEnum of(String... betaThenV1) {
        if (betaThenV1.length % 2 != 0) {
            throw new IllegalArgumentException("pairs of beta value, v1.0 value");
        }
        BetaEnum table = new BetaEnum();
        for (int i = 0; i < betaThenV1.length; i += 2) {
            table.toV1.put(betaThenV1[i].toLowerCase(Locale.ROOT), betaThenV1[i + 1]);
            table.toBeta.putIfAbsent(betaThenV1[i + 1], betaThenV1[i]);
        }
        return table;
    }

    public String toV1(String beta) {
        return beta == null ? null : toV1.getOrDefault(beta.toLowerCase(Locale.ROOT), beta);
    }

    public String toBeta(String v1) {
        return v1 == null ? null : toBeta.getOrDefault(v1, v1);
    }

    /** Every v1.0 value the table shows in beta. */
    public java.util.Set<String> v1Values() {
        return toBeta.keySet();
    }
}
