package dev.tessera.devstack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The gateway's check of a request path before it routes it. A service normalises dot segments
 * (and decodes {@code %2e}) after the gateway has chosen the route, so {@code /v1.0/users/../../q/metrics}
 * would be routed as a user path and answered as {@code /q/metrics}. The gateway therefore refuses any
 * path with a {@code .} or {@code ..} segment, however it is spelled: literally, percent-encoded in any
 * case ({@code %2e}, {@code %2E%2e}), encoded more than once ({@code %252e}), next to an encoded slash or
 * backslash ({@code ..%2f}, {@code %5c}), or with a {@code ;} parameter ({@code ..;}). The path it checks
 * is the path it forwards, byte for byte.
 */
final class GatewayPaths {

    /** Decoding rounds checked: a path still holding '%' after them is refused as over-encoded. */
    private static final int DECODING_ROUNDS = 3;

    private GatewayPaths() {
    }

    /** Why this raw (as received, not decoded) path may not be routed; empty when it may. */
    static Optional<String> refusal(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.of("The request path must be an absolute path.");
        }
        String current = rawPath;
        for (int round = 0; ; round++) {
            if (hasDotSegment(current)) {
                return Optional.of("The request path may not contain '.' or '..' segments (also percent-encoded).");
            }
            if (current.indexOf('%') < 0) {
                return Optional.empty();
            }
            if (round == DECODING_ROUNDS) {
                return Optional.of("The request path is percent-encoded too many times.");
            }
            Optional<String> decoded = decode(current);
            if (decoded.isEmpty()) {
                return Optional.of("The request path has a malformed percent-encoding.");
            }
            current = decoded.get();
        }
    }

    /** Segments split at '/' and '\' (some servers treat both as separators); ";…" parameters ignored. */
    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("[/\\\\]", -1)) {
            int parameters = segment.indexOf(';');
            String name = parameters < 0 ? segment : segment.substring(0, parameters);
            if (name.equals(".") || name.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** One round of percent-decoding (UTF-8); empty when an escape is not '%' and two hex digits. */
    private static Optional<String> decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(plain, 0, plain.length);
                continue;
            }
            if (i + 2 >= text.length()) {
                return Optional.empty();
            }
            int high = Character.digit(text.charAt(i + 1), 16);
            int low = Character.digit(text.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return Optional.of(bytes.toString(StandardCharsets.UTF_8));
    }
}
