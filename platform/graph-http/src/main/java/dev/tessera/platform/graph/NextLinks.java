package dev.tessera.platform.graph;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Absolute {@code @odata.nextLink}s: every original query option kept, {@code $skiptoken} replaced,
 * everything percent-encoded (no braces, no spaces) so SDK page iterators can GET it verbatim.
 */
public final class NextLinks {

    private NextLinks() {
    }

    /** The request's own scheme and authority as the base: for callers that have no public base URL. */
    public static String withSkipToken(URI requestUri, String skipToken) {
        return withSkipToken(requestUri.getScheme() + "://" + requestUri.getRawAuthority(), requestUri, skipToken);
    }

    /** {@code base} (scheme, authority, optional path; no trailing slash) + the request's path and options. */
    public static String withSkipToken(String base, URI requestUri, String skipToken) {
        List<String> parts = new ArrayList<>();
        String raw = requestUri.getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (name.equalsIgnoreCase("$skiptoken") || name.equalsIgnoreCase("skiptoken")) {
                    continue;
                }
                parts.add(encode(name) + "=" + encode(value));
            }
        }
        parts.add(encode("$skiptoken") + "=" + encode(skipToken));
        return base + requestUri.getRawPath() + "?" + String.join("&", parts);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
