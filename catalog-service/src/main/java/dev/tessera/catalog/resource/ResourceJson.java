package dev.tessera.catalog.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;

/** accessPackageResource, accessPackageResourceRole and accessPackageResourceScope on the wire. */
public final class ResourceJson {

    private ResourceJson() {
    }

    /** {@code roles} and {@code scopes} only when expanded. */
    public record Resource(
            String id,
            String displayName,
            String description,
            String originId,
            String originSystem,
            // stored as Graph writes it (ResourceAttributeRules), so passed through unparsed
            @JsonRawValue String attributes,
            Instant createdDateTime,
            Instant modifiedDateTime,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Role> roles,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Scope> scopes) {

        public static Resource of(CatalogResource r) {
            return of(r, null, null);
        }

        public static Resource of(CatalogResource r, List<Role> roles, List<Scope> scopes) {
            return new Resource(r.id.toString(), r.displayName, r.description, r.originId, r.originSystem,
                    r.attributes == null ? "[]" : r.attributes,
                    r.createdAt, r.modifiedAt, roles, scopes);
        }
    }

    /** {@code resource} only when expanded. */
    public record Role(
            String id,
            String displayName,
            String description,
            String originId,
            String originSystem,
            @JsonInclude(JsonInclude.Include.NON_NULL) Resource resource) {

        public static Role of(ResourceRole r) {
            return of(r, null);
        }

        public static Role of(ResourceRole r, Resource resource) {
            return new Role(r.id.toString(), r.displayName, r.description, r.originId, r.originSystem, resource);
        }
    }

    /** {@code resource} only when expanded. */
    public record Scope(
            String id,
            String displayName,
            String description,
            String originId,
            String originSystem,
            boolean isRootScope,
            @JsonInclude(JsonInclude.Include.NON_NULL) Resource resource) {

        public static Scope of(ResourceScope s) {
            return of(s, null);
        }

        public static Scope of(ResourceScope s, Resource resource) {
            return new Scope(s.id.toString(), s.displayName, s.description, s.originId, s.originSystem, s.rootScope,
                    resource);
        }
    }
}
