package dev.tessera.catalog.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tessera.catalog.accesspackage.AccessPackageJson;
import java.time.Instant;
import java.util.List;

/** accessPackageCatalog on the wire; {@code accessPackages} only when expanded. */
public record CatalogJson(
        String id,
        String displayName,
        String description,
        CatalogType catalogType,
        CatalogState state,
        boolean isExternallyVisible,
        Instant createdDateTime,
        Instant modifiedDateTime,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<AccessPackageJson> accessPackages) {

    public static CatalogJson of(Catalog c) {
        return of(c, null);
    }

    public static CatalogJson of(Catalog c, List<AccessPackageJson> accessPackages) {
        return new CatalogJson(c.id.toString(), c.displayName, c.description, c.catalogType, c.state,
                c.externallyVisible, c.createdAt, c.modifiedAt, accessPackages);
    }
}
