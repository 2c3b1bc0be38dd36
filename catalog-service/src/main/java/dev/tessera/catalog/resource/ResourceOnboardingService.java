package dev.tessera.catalog.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.catalog.accesspackage.ResourceRoleScopeRepository;
import dev.tessera.catalog.catalog.Catalog;
import dev.tessera.catalog.catalog.CatalogRepository;
import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The catalog side of resource requests: an object of an origin system (group, application, site,
 * directory role) becomes a resource with its roles and its root scope; a resource leaves only when no access package uses its roles. Each change is
 * recorded as a delivered resource request in the same transaction.
 */
@ApplicationScoped
public class ResourceOnboardingService {

    @Inject
    CatalogRepository catalogs;

    @Inject
    CatalogResourceRepository resources;

    @Inject
    ResourceRoleRepository roles;

    @Inject
    ResourceScopeRepository scopes;

    @Inject
    ResourceRoleScopeRepository roleScopes;

    @Inject
    ResourceRequestRepository requests;

    @Inject
    InstantSource clock;

    @Inject
    ObjectMapper mapper;

    /** Fails if the resource cannot be added: unknown catalog, or already there. */
    public Uni<Void> checkAddable(UUID catalogId, String originSystem, String originId) {
        return requireCatalog(catalogId).chain(catalog -> resources.findByOrigin(catalogId, originSystem, originId))
                .invoke(existing -> {
                    if (existing != null) {
                        throw alreadyThere(catalogId, originId);
                    }
                })
                .replaceWithVoid();
    }

    /** The object becomes a resource of the catalog with its roles and its root scope. */
    @WithTransaction
    public Uni<ResourceRequest> add(UUID catalogId, OriginObject origin, String displayName, String description,
            List<ResourceAttribute> attributes) {
        Instant now = now();
        return checkAddable(catalogId, origin.originSystem(), origin.originId()).chain(() -> {
            CatalogResource resource = new CatalogResource();
            resource.id = UUID.randomUUID();
            resource.catalogId = catalogId;
            resource.displayName = displayName != null && !displayName.isBlank() ? displayName.trim()
                    : origin.displayName() != null ? origin.displayName() : origin.originId();
            resource.description = description != null ? description : origin.description();
            resource.originId = origin.originId();
            resource.originSystem = origin.originSystem();
            resource.attributes = json(attributes);
            resource.createdAt = now;
            resource.modifiedAt = now;
            return resources.persist(resource)
                    .chain(() -> roles.persist(origin.roles().stream()
                            .map(r -> role(resource, r.displayName(), r.description(), r.originId(), now)).toList()))
                    .chain(() -> scopes.persist(rootScope(resource, now)))
                    .chain(() -> record(catalogId, resource.id, ResourceRequestType.adminAdd, now));
        });
    }

    @WithTransaction
    public Uni<ResourceRequest> remove(UUID catalogId, ResourceRequestBody.ResourceRef ref) {
        Instant now = now();
        return requireCatalog(catalogId).chain(catalog -> findResource(catalogId, ref))
                .chain(resource -> roleScopes.countUsingResource(resource.id).chain(used -> {
                    if (used > 0) {
                        throw GraphException.conflict("ResourceInUse", "Resource '" + resource.displayName + "' ("
                                + resource.id + ") is used by " + used + " access package role(s); remove them "
                                + "from the access packages first.");
                    }
                    return roles.deleteOfResource(resource.id)
                            .chain(() -> scopes.deleteOfResource(resource.id))
                            // removed meanwhile by a concurrent adminRemove: as if it had not been found
                            .chain(() -> Deletes.one(resources.delete("id", resource.id),
                                    () -> GraphException.invalidField("resource.id", "Resource '" + resource.id
                                            + "' is not in catalog '" + catalogId + "'.")))
                            .chain(() -> record(catalogId, resource.id, ResourceRequestType.adminRemove, now));
                }));
    }

    /** {@code attributes}: the resource's new attributes (checked), or null to keep them. */
    @WithTransaction
    public Uni<ResourceRequest> update(UUID catalogId, ResourceRequestBody.ResourceRef ref,
            List<ResourceAttribute> attributes) {
        Instant now = now();
        return requireCatalog(catalogId).chain(catalog -> findResource(catalogId, ref))
                .chain(resource -> {
                    if (ref.displayName() != null) {
                        if (ref.displayName().isBlank()) {
                            throw GraphException.invalidField("resource.displayName",
                                    "Property 'resource.displayName' cannot be empty.");
                        }
                        resource.displayName = ref.displayName().trim();
                    }
                    if (ref.description() != null) {
                        resource.description = ref.description();
                    }
                    if (attributes != null) {
                        resource.attributes = json(attributes);
                    }
                    resource.modifiedAt = now;
                    return record(catalogId, resource.id, ResourceRequestType.adminUpdate, now);
                });
    }

    /** The resource a request names, for a look at its origin before {@link #remove}. */
    @WithSession
    public Uni<CatalogResource> find(UUID catalogId, ResourceRequestBody.ResourceRef ref) {
        return requireCatalog(catalogId).chain(catalog -> findResource(catalogId, ref));
    }

    static GraphException alreadyThere(UUID catalogId, String originId) {
        return new GraphException(400, "ResourceAlreadyOnboarded", "Resource '" + originId
                + "' is already in catalog '" + catalogId + "'.", "resource.originId");
    }

    private Uni<Catalog> requireCatalog(UUID catalogId) {
        return catalogs.findById(catalogId).onItem().ifNull().failWith(() -> GraphException.invalidField(
                "catalog.id", "Catalog '" + catalogId + "' was not found."));
    }

    /** By {@code resource.id}, or by {@code originSystem} + {@code originId}, within the catalog. */
    private Uni<CatalogResource> findResource(UUID catalogId, ResourceRequestBody.ResourceRef ref) {
        if (ref.id() == null && ref.originId() != null && ref.originSystem() != null) {
            String system = OriginSystems.canonical(ref.originSystem()).orElse(ref.originSystem());
            return resources.findByOrigin(catalogId, system, ref.originId()).onItem().ifNull()
                    .failWith(() -> GraphException.invalidField("resource.originId", "Resource '" + ref.originId()
                            + "' is not in catalog '" + catalogId + "'."));
        }
        UUID resourceId = Ids.parse(ref.id(), "resource.id");
        return resources.findInCatalog(catalogId, resourceId).onItem().ifNull()
                .failWith(() -> GraphException.invalidField("resource.id", "Resource '" + resourceId
                        + "' is not in catalog '" + catalogId + "'."));
    }

    private Uni<ResourceRequest> record(UUID catalogId, UUID resourceId, ResourceRequestType type, Instant now) {
        ResourceRequest request = new ResourceRequest();
        request.id = UUID.randomUUID();
        request.catalogId = catalogId;
        request.resourceId = resourceId;
        request.requestType = type;
        request.state = ResourceRequestState.delivered;
        request.createdAt = now;
        return requests.persist(request);
    }

    private String json(List<ResourceAttribute> attributes) {
        try {
            return mapper.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Resource attributes cannot be serialised", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ResourceRole role(CatalogResource resource, String name, String description, String originId,
            Instant now) {
        ResourceRole role = new ResourceRole();
        role.id = UUID.randomUUID();
        role.resourceId = resource.id;
        role.catalogId = resource.catalogId;
        role.displayName = name == null || name.isBlank() ? originId : name;
        role.description = description;
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
