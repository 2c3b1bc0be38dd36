package dev.tessera.platform.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Opaque keyset {@code $skiptoken}: the sort key of the last row of the previous page, bound to the list
 * that issued it. A service makes the key part ({@link #encode}); {@link GraphJson} seals it for the
 * list's path when it writes the {@code @odata.nextLink} ({@link #seal}); {@link SkipTokenFilter}
 * refuses, on every request, a token that is not sealed for the path it is sent to ({@link #check}) —
 * random text, broken base64, a token of another list, a hand-made one — with 400 "Invalid $skiptoken.".
 *
 * <p>The seal is a SHA-256 digest of the path and the key part, not a secret: it tells a token Tessera
 * issued for this list from anything else, it does not make forging impossible for someone who reads
 * this code. Nothing depends on that: a token only says where a page starts; the caller's filter and
 * permissions apply to every page as to the first.
 */
public final class PageToken {

    private static final String PREFIX = "k1:";
    private static final char SEAL = '.';
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private PageToken() {
    }

    public static String encode(String lastKey) {
        return BASE64.encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The key of a token, sealed or not (a request's token was checked by {@link SkipTokenFilter}). */
    public static String decode(String token) {
        int seal = token.indexOf(SEAL);
        String keyPart = seal < 0 ? token : token.substring(0, seal);
        try {
            String text = new String(Base64.getUrlDecoder().decode(keyPart), StandardCharsets.UTF_8);
            if (!text.startsWith(PREFIX) || GraphText.hasControlCharacter(text)) {
                throw invalid();
            }
            return text.substring(PREFIX.length());
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** The token as handed out in the {@code @odata.nextLink} of the list at {@code path}. */
    public static String seal(String path, String token) {
        return token + SEAL + digest(path, token);
    }

    /** Refuses a token that was not sealed by {@link #seal} for the list at {@code path}. */
    public static void check(String path, String token) {
        int seal = token.lastIndexOf(SEAL);
        if (seal <= 0 || !MessageDigest.isEqual(digest(path, token.substring(0, seal)).getBytes(StandardCharsets.US_ASCII),
                token.substring(seal + 1).getBytes(StandardCharsets.UTF_8))) {
            throw invalid();
        }
        decode(token);
    }

    private static String digest(String path, String token) {
        String list = path.toLowerCase(Locale.ROOT);
        while (list.length() > 1 && list.endsWith("/")) {
            list = list.substring(0, list.length() - 1);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("tessera-skiptoken\n" + list + "\n" + token).getBytes(StandardCharsets.UTF_8));
            return BASE64.encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static GraphException invalid() {
        return GraphException.badRequest("Invalid $skiptoken.");
    }
}
