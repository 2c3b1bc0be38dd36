package dev.tessera.provisioning.site;

import dev.tessera.platform.graph.GraphException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** What a valid site is, and the roles every new site gets. Pure: no I/O. */
final class SiteRules {

    /** SharePoint's associated groups: number, suffix of the display name, permission level. */
    private static final List<String[]> DEFAULT_ROLES = List.of(
            new String[] {"3", "Owners", "full control"},
            new String[] {"4", "Members", "contribute"},
            new String[] {"5", "Visitors", "read"});

    private SiteRules() {
    }

    static Site create(SiteBody body, UUID id, Instant at) {
        if (body == null) {
            throw GraphException.badRequest("A site body is required.");
        }
        if (body.displayName() == null || body.displayName().isBlank()) {
            throw GraphException.invalidField("displayName", "Property 'displayName' is required.");
        }
        if (body.displayName().length() > 256) {
            throw GraphException.invalidField("displayName", "Property 'displayName' is longer than 256 characters.");
        }
        if (body.description() != null && body.description().length() > 1024) {
            throw GraphException.invalidField("description", "Property 'description' is longer than 1024 characters.");
        }
        URI url = webUrl(body.webUrl());
        Site site = new Site();
        site.id = id;
        site.createdDateTime = at;
        site.displayName = body.displayName().trim();
        site.description = body.description();
        site.webUrl = stripTrailingSlashes(url.toString());
        site.name = name(url);
        return site;
    }

    static List<SiteRole> defaultRoles(Site site) {
        return DEFAULT_ROLES.stream().map(spec -> {
            SiteRole role = new SiteRole();
            role.key = new SiteRole.Key(site.id, spec[0]);
            role.displayName = site.displayName + " " + spec[1];
            role.description = "Use this group to grant people " + spec[2] + " permissions to the SharePoint site: "
                    + site.displayName;
            return role;
        }).toList();
    }

    /** The key a webUrl is unique by: any case, no trailing slash. */
    static String urlKey(String webUrl) {
        return stripTrailingSlashes(webUrl.trim()).toLowerCase(Locale.ROOT);
    }

    private static URI webUrl(String text) {
        if (text == null || text.isBlank()) {
            throw GraphException.invalidField("webUrl", "Property 'webUrl' is required.");
        }
        if (text.length() > 2048) {
            throw GraphException.invalidField("webUrl", "Property 'webUrl' is longer than 2048 characters.");
        }
        URI url;
        try {
            url = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw invalidUrl(text);
        }
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getRawUserInfo() != null
                || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw invalidUrl(text);
        }
        return url;
    }

    private static String name(URI url) {
        String path = url.getRawPath() == null ? "" : stripTrailingSlashes(url.getRawPath());
        int slash = path.lastIndexOf('/');
        String last = slash < 0 ? path : path.substring(slash + 1);
        if (last.isEmpty()) {
            return url.getHost();
        }
        String decoded = url.getPath() == null ? last : stripTrailingSlashes(url.getPath());
        return decoded.substring(decoded.lastIndexOf('/') + 1);
    }

    private static String stripTrailingSlashes(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '/') {
            end--;
        }
        return text.substring(0, end);
    }

    private static GraphException invalidUrl(String text) {
        return GraphException.invalidField("webUrl", "Invalid webUrl '" + text
                + "': expected an absolute https URL without query or fragment, e.g. "
                + "https://contoso.sharepoint.com/sites/Marketing.");
    }
}
