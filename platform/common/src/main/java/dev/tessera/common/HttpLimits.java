package dev.tessera.common;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HTTP limits every Tessera entry point enforces — the local gateway and each service — with
 * the same numbers, and the checks that refuse a request before it is routed, so each refusal can be
 * a Graph error body with a JSON content type (issue 15, items 3 and 4).
 *
 * <p>Two tiers: the documented limits below are checked by {@link #refusal}; the HTTP decoder
 * (Netty, configured through {@code quarkus.http.limits.*} and the gateway's server options) has a
 * larger hard cap, {@link #DECODER_MAX_INITIAL_LINE_LENGTH} and {@link #DECODER_MAX_HEADER_SIZE}, so
 * that a request over a documented limit is still decoded and answered with a Graph error.
 */
public final class HttpLimits {

    /** Longest request target (path and query), in characters: 414 above it. */
    public static final int MAX_URI_LENGTH = 8192;
    /** All header lines together (name, value, separators), in bytes: 431 above it. */
    public static final int MAX_HEADER_SIZE = 16384;
    /** Largest request body, in bytes (4 MiB, Graph's own limit for a JSON request): 413 above it. */
    public static final long MAX_BODY_SIZE = 4L * 1024 * 1024;
    /** What {@code quarkus.http.limits.max-body-size} says: the same number, in Quarkus' syntax. */
    public static final String MAX_BODY_SIZE_CONFIG = "4M";

    /** The decoder's hard cap for the request line (method, target, version). */
    public static final int DECODER_MAX_INITIAL_LINE_LENGTH = 65536;
    /** The decoder's hard cap for all headers. */
    public static final int DECODER_MAX_HEADER_SIZE = 65536;

    /** Headers only the gateway sets (it drops clients' copies): not counted against the header limit. */
    private static final List<String> GATEWAY_HEADERS = List.of("forwarded", "x-forwarded-host",
            "x-forwarded-proto", "x-forwarded-for", "x-forwarded-prefix", "x-forwarded-port",
            "x-forwarded-server", "x-forwarded-ssl");

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern QUALITY = Pattern.compile("(0(\\.[0-9]{0,3})?|1(\\.0{0,3})?|\\.[0-9]{1,3})");

    private HttpLimits() {
    }

    /** Why a request is refused before it is routed: a status, a Graph error code and a message. */
    public record Refusal(int status, String code, String message) {
    }

    /**
     * The first limit or syntax rule the request breaks, if any.
     *
     * @param uri the request target as sent (origin form or absolute form)
     * @param headers every header line as sent
     */
    public static Optional<Refusal> refusal(String uri, Iterable<Map.Entry<String, String>> headers) {
        if (uri.length() > MAX_URI_LENGTH) {
            return Optional.of(new Refusal(414, "RequestUriTooLong",
                    "The request URI is longer than " + MAX_URI_LENGTH + " characters."));
        }
        long headerBytes = 0;
        String contentLength = null;
        StringBuilder accept = null;
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!GATEWAY_HEADERS.contains(name)) {
                headerBytes += header.getKey().length() + header.getValue().length() + 4;
            }
            if (name.equals("content-length")) {
                contentLength = header.getValue();
            } else if (name.equals("accept")) {
                accept = accept == null ? new StringBuilder(header.getValue()) : accept.append(',').append(header.getValue());
            }
        }
        if (headerBytes > MAX_HEADER_SIZE) {
            return Optional.of(new Refusal(431, "RequestHeaderFieldsTooLarge",
                    "The request headers are larger than " + MAX_HEADER_SIZE + " bytes together."));
        }
        Optional<String> badUri = uriProblem(uri);
        if (badUri.isPresent()) {
            return Optional.of(new Refusal(400, "BadRequest", badUri.get()));
        }
        if (contentLength != null) {
            long length;
            try {
                length = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0) {
                return Optional.of(new Refusal(400, "BadRequest", "The Content-Length header is not a number of bytes."));
            }
            if (length > MAX_BODY_SIZE) {
                return Optional.of(new Refusal(413, "RequestEntityTooLarge",
                        "The request body is larger than " + MAX_BODY_SIZE + " bytes."));
            }
        }
        if (accept != null && !isValidAccept(accept.toString())) {
            return Optional.of(new Refusal(400, "BadRequest",
                    "The Accept header is not a list of media ranges, e.g. 'application/json'."));
        }
        return Optional.empty();
    }

    /** Methods whose body is read: a body they carry must be JSON, with no content coding. */
    private static final List<String> BODY_METHODS = List.of("POST", "PATCH", "PUT");

    /**
     * The first rule the body of a request breaks, by its headers alone (issue 15, item 7): a POST,
     * PATCH or PUT that carries a body ({@code Content-Length} above 0, or {@code Transfer-Encoding})
     * must say {@code Content-Type: application/json} (any case; parameters allowed, a charset only
     * {@code utf-8}), and must not declare a {@code Content-Encoding} other than {@code identity}:
     * Tessera does not decode gzip or any other coding, and a coded body read as plain JSON would be
     * garbage. Both are 415 {@code UnsupportedMediaType}. A body-less request (an action such as
     * {@code cancel}) needs neither header.
     */
    public static Optional<Refusal> bodyRefusal(String method, Iterable<Map.Entry<String, String>> headers) {
        if (method == null || !BODY_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        boolean body = false;
        String contentType = null;
        String contentEncoding = null;
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> body |= !header.getValue().trim().equals("0");
                case "transfer-encoding" -> body = true;
                case "content-type" -> contentType = contentType == null ? header.getValue() : contentType + "," + header.getValue();
                case "content-encoding" -> contentEncoding = contentEncoding == null ? header.getValue()
                        : contentEncoding + "," + header.getValue();
                default -> {
                }
            }
        }
        if (!body) {
            return Optional.empty();
        }
        if (contentEncoding != null) {
            for (String coding : contentEncoding.split(",")) {
                if (!coding.trim().isEmpty() && !coding.trim().equalsIgnoreCase("identity")) {
                    return Optional.of(new Refusal(415, "UnsupportedMediaType", "Content-Encoding '" + coding.trim()
                            + "' is not supported; send the JSON body uncompressed (or 'identity')."));
                }
            }
        }
        if (contentType == null || !isJson(contentType)) {
            return Optional.of(new Refusal(415, "UnsupportedMediaType", (contentType == null
                    ? "The request has a body but no Content-Type"
                    : "Content-Type '" + contentType.trim() + "' is not supported")
                    + "; send the body as JSON with 'Content-Type: application/json'."));
        }
        return Optional.empty();
    }

    /** {@code application/json} in any case, with parameters; a charset, if any, is UTF-8. */
    static boolean isJson(String contentType) {
        List<String> parts = splitOutsideQuotes(contentType, ';');
        if (!parts.get(0).trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (String parameter : parts.subList(1, parts.size())) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String charset = parameter.substring(eq + 1).trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A refusal for what the HTTP decoder itself could not read (over its hard caps, or malformed). */
    public static Refusal decoderRefusal(Throwable cause) {
        String name = cause == null ? "" : cause.getClass().getSimpleName();
        if (name.equals("TooLongHttpLineException") || name.equals("TooLongUriException")) {
            return new Refusal(414, "RequestUriTooLong",
                    "The request URI is longer than " + MAX_URI_LENGTH + " characters.");
        }
        if (name.equals("TooLongHttpHeaderException") || name.equals("TooLongHeaderException")) {
            return new Refusal(431, "RequestHeaderFieldsTooLarge",
                    "The request headers are larger than " + MAX_HEADER_SIZE + " bytes together.");
        }
        return new Refusal(400, "BadRequest", "The request could not be read as HTTP/1.1.");
    }

    /** A target with a raw character RFC 3986 does not allow, or a '%' not followed by two hex digits. */
    static Optional<String> uriProblem(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                if (i + 2 >= uri.length() || !isHex(uri.charAt(i + 1)) || !isHex(uri.charAt(i + 2))) {
                    return Optional.of("The request URI has a '%' that is not followed by two hexadecimal digits.");
                }
            } else if (!isUriChar(c)) {
                return Optional.of("The request URI has a character that must be percent-encoded"
                        + (c > 0x20 && c < 0x7f ? ": '" + c + "'." : " (position " + i + ")."));
            }
        }
        return Optional.empty();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isUriChar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "-._~:/?@!$&'()*+,;=".indexOf(c) >= 0;
    }

    /**
     * Whether an Accept value is a comma-separated list of media ranges ({@code type/subtype} or
     * {@code *}, with {@code ;name=value} parameters and a quality between 0 and 1). Empty elements
     * are allowed, as RFC 9110 says.
     */
    public static boolean isValidAccept(String value) {
        for (String element : splitOutsideQuotes(value, ',')) {
            String range = element.trim();
            if (range.isEmpty()) {
                continue;
            }
            List<String> parts = splitOutsideQuotes(range, ';');
            String type = parts.get(0).trim();
            if (!type.equals("*")) {
                int slash = type.indexOf('/');
                if (slash < 0 || !TOKEN.matcher(type.substring(0, slash)).matches()
                        || !TOKEN.matcher(type.substring(slash + 1)).matches()) {
                    return false;
                }
            }
            for (String parameter : parts.subList(1, parts.size())) {
                String p = parameter.trim();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    return false;
                }
                String name = p.substring(0, eq).trim();
                String v = p.substring(eq + 1).trim();
                if (!TOKEN.matcher(name).matches()) {
                    return false;
                }
                if (name.equalsIgnoreCase("q") ? !QUALITY.matcher(v).matches()
                        : !(TOKEN.matcher(v).matches() || isQuoted(v))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isQuoted(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"");
    }

    private static List<String> splitOutsideQuotes(String value, char separator) {
        List<String> parts = new java.util.ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == separator && !quoted) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }
}
