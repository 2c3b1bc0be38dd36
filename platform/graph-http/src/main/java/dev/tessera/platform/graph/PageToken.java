package dev.tessera.platform.graph;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque keyset {@code $skiptoken}: the sort key of the last row of the previous page. */
public final class PageToken {

    private static final String PREFIX = "k1:";

    private PageToken() {
    }

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(PREFIX) || GraphText.hasControlCharacter(text)) {
                throw GraphException.badRequest("Invalid $skiptoken.");
            }
            return text.substring(PREFIX.length());
        } catch (IllegalArgumentException e) {
            throw GraphException.badRequest("Invalid $skiptoken.");
        }
    }
}
