package dev.tessera.provisioning.site;

import java.time.Instant;
import java.util.UUID;

/** microsoft.graph.site on the wire: the properties Tessera keeps. */
public record SiteJson(UUID id, Instant createdDateTime, String description, String displayName, String name,
        String webUrl) {

    static SiteJson of(Site site) {
        return new SiteJson(site.id, site.createdDateTime, site.description, site.displayName, site.name,
                site.webUrl);
    }
}
