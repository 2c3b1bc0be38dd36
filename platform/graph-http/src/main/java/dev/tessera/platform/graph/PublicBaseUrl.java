package dev.tessera.platform.graph;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The scheme, host, port (and optional path) every link a service emits starts with:
 * {@code @odata.context}, {@code @odata.nextLink}, {@code Location}. When {@code tessera.public-base-url}
 * is set (the local stack and deploy/ set it), that and nothing a client sends: neither its {@code Host}
 * nor a forwarded header. Unset, the request's own base, where forwarded headers count only from the
 * proxies in {@code quarkus.http.proxy.trusted-proxies}.
 */
public final class PublicBaseUrl {

    public static final String PROPERTY = "tessera.public-base-url";

    private PublicBaseUrl() {
    }

    /** The base for links of this request, without a trailing slash, e.g. {@code http://localhost:8080}. */
    public static String of(UriInfo uri) {
        return configured().orElseGet(() -> withoutTrailingSlash(uri.getBaseUri().toString()));
    }

    /** The configured base URL, checked: an absolute http(s) URL without query, fragment or user info. */
    public static Optional<String> configured() {
        return ConfigProvider.getConfig().getOptionalValue(PROPERTY, String.class)
                .map(String::trim).filter(s -> !s.isEmpty()).map(PublicBaseUrl::checked);
    }

    static String checked(String value) {
        try {
            URI base = new URI(value);
            if (base.getHost() == null || base.getRawUserInfo() != null || base.getRawQuery() != null
                    || base.getRawFragment() != null
                    || !("http".equalsIgnoreCase(base.getScheme()) || "https".equalsIgnoreCase(base.getScheme()))) {
                throw new IllegalStateException(PROPERTY + " must be an absolute http(s) URL without query, "
                        + "fragment or user info, e.g. https://graph.example.com; it is '" + value + "'.");
            }
            return withoutTrailingSlash(value);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(PROPERTY + " is not a URL: '" + value + "'.", e);
        }
    }

    private static String withoutTrailingSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
