package dev.tessera.catalog.resource;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/** The {@code originSystem} values Graph uses (a string property, not an enum). */
public final class OriginSystems {

    public static final String AAD_GROUP = "AadGroup";
    public static final String AAD_APPLICATION = "AadApplication";
    public static final String SHAREPOINT_ONLINE = "SharePointOnline";
    public static final String DIRECTORY_ROLE = "DirectoryRole";

    static final List<String> KNOWN = List.of(AAD_GROUP, AAD_APPLICATION, SHAREPOINT_ONLINE, DIRECTORY_ROLE);

    private OriginSystems() {
    }

    /**
     * The canonical origin id of an object: a GUID in lower case for groups, applications and
     * directory roles; for a site its absolute http(s) URL without a trailing slash.
     */
    public static String originId(String system, String originId) {
        if (originId == null || originId.isBlank()) {
            throw GraphException.invalidField("resource.originId", "Property 'resource.originId' is required.");
        }
        if (SHAREPOINT_ONLINE.equals(system)) {
            String url = originId.trim();
            try {
                URI uri = new URI(url);
                if (!uri.isAbsolute() || uri.getHost() == null
                        || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                    throw new URISyntaxException(url, "not an absolute http(s) URL");
                }
            } catch (URISyntaxException e) {
                throw GraphException.invalidField("resource.originId", "A SharePointOnline resource's originId is the "
                        + "site's URL, e.g. https://contoso.sharepoint.com/sites/Marketing; '" + url + "' is not one.");
            }
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        return Ids.parse(originId, "resource.originId").toString();
    }

    /** The service that owns objects of a system, for messages. */
    static String owner(String system) {
        return DIRECTORY_ROLE.equals(system) ? "role management service" : "directory";
    }

    /** What an object of a system is called, for messages. */
    static String noun(String system) {
        return switch (system) {
            case AAD_GROUP -> "Group";
            case AAD_APPLICATION -> "Application";
            case SHAREPOINT_ONLINE -> "Site";
            default -> "Directory role";
        };
    }

    /** The canonical spelling of a known origin system, whatever case the client used. */
    public static Optional<String> canonical(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return KNOWN.stream().filter(known -> known.equalsIgnoreCase(value.trim())).findFirst();
    }
}
