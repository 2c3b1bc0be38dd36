package dev.tessera.catalog.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.catalog.accesspackage.ResourceRoleScope;
import dev.tessera.catalog.catalog.Catalog;
import dev.tessera.catalog.directory.DirectoryService;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;

/**
 * Adds resources to catalogs and takes them out. The origin object must exist (asked of the
 * directory with the caller's token); a resource an access package still uses stays.
 */
@ApplicationScoped
public class ResourceRequestService {

    @Inject
    DirectoryService directory;

    @Inject
    InstantSource clock;

    public Uni<ResourceRequest> submit(ResourceRequestBody body, String bearerToken) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        String type = body.requestType() == null ? "" : body.requestType().trim();
        if (body.catalog() == null) {
            throw GraphException.invalidField("catalog", "Property 'catalog' is required.");
        }
        UUID catalogId = Ids.parse(body.catalog().id(), "catalog.id");
        if (body.resource() == null) {
            throw GraphException.invalidField("resource", "Property 'resource' is required.");
        }
        if (type.equalsIgnoreCase("adminAdd")) {
            return add(catalogId, body.resource(), bearerToken);
        }
        if (type.equalsIgnoreCase("adminRemove")) {
            return remove(catalogId, Ids.parse(body.resource().id(), "resource.id"));
        }
        if (type.equalsIgnoreCase("adminUpdate")) {
            return update(catalogId, body.resource());
        }
        throw GraphException.invalidField("requestType",
                "Property 'requestType' must be adminAdd, adminUpdate or adminRemove.");
    }

    private Uni<ResourceRequest> add(UUID catalogId, ResourceRequestBody.ResourceRef ref, String bearerToken) {
        String originSystem = ref.originSystem();
        if (originSystem == null || originSystem.isBlank()) {
            throw GraphException.invalidField("resource.originSystem", "Property 'resource.originSystem' is required.");
        }
        if (!originSystem.equalsIgnoreCase("AadGroup")) {
            throw GraphException.invalidField("resource.originSystem", "Resources of origin system '" + originSystem
                    + "' are not supported yet; AadGroup is.");
        }
        String groupId = Ids.parse(ref.originId(), "resource.originId").toString();
        return directory.group(groupId, bearerToken).chain(group -> {
            JsonNode found = group.orElseThrow(() -> GraphException.invalidField("resource.originId",
                    "Group '" + groupId + "' does not exist in the directory."));
            String name = ref.displayName() != null && !ref.displayName().isBlank() ? ref.displayName()
                    : found.path("displayName").asText(groupId);
            String description = ref.description() != null ? ref.description() : found.path("description").asText(null);
            return addGroup(catalogId, groupId, name, description);
        });
    }

    @WithTransaction
    Uni<ResourceRequest> addGroup(UUID catalogId, String groupId, String name, String description) {
        Instant now = clock.instant();
        return requireCatalog(catalogId)
                .chain(() -> CatalogResource.count("catalogId = ?1 and originSystem = ?2 and originId = ?3",
                        catalogId, "AadGroup", groupId))
                .chain(existing -> {
                    if (existing > 0) {
                        throw GraphException.badRequest("ResourceAlreadyOnboarded",
                                "Group '" + groupId + "' is already a resource of catalog '" + catalogId + "'.");
                    }
                    CatalogResource resource = new CatalogResource();
                    resource.id = UUID.randomUUID();
                    resource.catalogId = catalogId;
                    resource.displayName = name;
                    resource.description = description;
                    resource.originId = groupId;
                    resource.originSystem = "AadGroup";
                    resource.createdAt = now;
                    resource.modifiedAt = now;
                    return resource.persist()
                            .chain(() -> Panache.getSession())
                            .chain(session -> session.persistAll(role(resource, "Member", "Member_" + groupId, now),
                                    role(resource, "Owner", "Owner_" + groupId, now), rootScope(resource, now)))
                            .chain(() -> record(catalogId, resource.id, "adminAdd", now));
                });
    }

    @WithTransaction
    Uni<ResourceRequest> remove(UUID catalogId, UUID resourceId) {
        Instant now = clock.instant();
        return CatalogResource.<CatalogResource>find("id = ?1 and catalogId = ?2", resourceId, catalogId).firstResult()
                .onItem().ifNull().failWith(() -> GraphException.invalidField("resource.id",
                        "Resource '" + resourceId + "' is not in catalog '" + catalogId + "'."))
                .chain(resource -> ResourceRoleScope.count(
                                "roleId in (select r.id from ResourceRole r where r.resourceId = ?1)", resourceId)
                        .chain(used -> {
                            if (used > 0) {
                                throw GraphException.conflict("Resource '" + resource.displayName
                                        + "' is used by an access package; remove it from the package first.");
                            }
                            return ResourceRole.delete("resourceId", resourceId)
                                    .chain(() -> ResourceScope.delete("resourceId", resourceId))
                                    .chain(resource::delete);
                        }))
                .chain(() -> record(catalogId, resourceId, "adminRemove", now));
    }

    @WithTransaction
    Uni<ResourceRequest> update(UUID catalogId, ResourceRequestBody.ResourceRef ref) {
        UUID resourceId = Ids.parse(ref.id(), "resource.id");
        Instant now = clock.instant();
        return CatalogResource.<CatalogResource>find("id = ?1 and catalogId = ?2", resourceId, catalogId).firstResult()
                .onItem().ifNull().failWith(() -> GraphException.invalidField("resource.id",
                        "Resource '" + resourceId + "' is not in catalog '" + catalogId + "'."))
                .invoke(resource -> {
                    if (ref.displayName() != null && !ref.displayName().isBlank()) {
                        resource.displayName = ref.displayName();
                    }
                    if (ref.description() != null) {
                        resource.description = ref.description();
                    }
                    resource.modifiedAt = now;
                })
                .chain(() -> record(catalogId, resourceId, "adminUpdate", now));
    }

    private Uni<Catalog> requireCatalog(UUID catalogId) {
        return Catalog.<Catalog>findById(catalogId).onItem().ifNull().failWith(() -> GraphException.invalidField(
                "catalog.id", "Catalog '" + catalogId + "' was not found."));
    }

    private Uni<ResourceRequest> record(UUID catalogId, UUID resourceId, String type, Instant now) {
        ResourceRequest request = new ResourceRequest();
        request.id = UUID.randomUUID();
        request.catalogId = catalogId;
        request.resourceId = resourceId;
        request.requestType = type;
        request.state = "delivered";
        request.createdAt = now;
        return request.persist().replaceWith(request);
    }

    private static ResourceRole role(CatalogResource resource, String name, String originId, Instant now) {
        ResourceRole role = new ResourceRole();
        role.id = UUID.randomUUID();
        role.resourceId = resource.id;
        role.catalogId = resource.catalogId;
        role.displayName = name;
        role.description = name + " of the group";
        role.originId = originId;
        role.originSystem = resource.originSystem;
        role.createdAt = now;
        return role;
    }

    private static ResourceScope rootScope(CatalogResource resource, Instant now) {
        ResourceScope scope = new ResourceScope();
        scope.id = UUID.randomUUID();
        scope.resourceId = resource.id;
        scope.catalogId = resource.catalogId;
        scope.displayName = "Root";
        scope.description = "Root Scope";
        scope.originId = resource.originId;
        scope.originSystem = resource.originSystem;
        scope.rootScope = true;
        scope.createdAt = now;
        return scope;
    }
}
