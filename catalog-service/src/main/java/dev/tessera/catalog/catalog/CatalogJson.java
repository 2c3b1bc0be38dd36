package dev.tessera.catalog.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** accessPackageCatalog on the wire. */
public record CatalogJson(
        String id,
        String displayName,
        String description,
        String catalogType,
        String state,
        boolean isExternallyVisible,
        Instant createdDateTime,
        Instant modifiedDateTime,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Object> accessPackages) {

    public static CatalogJson of(Catalog c, List<Object> accessPackages) {
        return new CatalogJson(c.id.toString(), c.displayName, c.description, c.catalogType, c.state,
                c.externallyVisible, c.createdAt, c.modifiedAt, accessPackages);
    }
}
