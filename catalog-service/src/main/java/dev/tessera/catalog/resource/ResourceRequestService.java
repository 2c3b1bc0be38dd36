package dev.tessera.catalog.resource;

import dev.tessera.catalog.Expansions;
import dev.tessera.catalog.Listing;
import dev.tessera.platform.graph.DatabaseErrors;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphText;
import dev.tessera.platform.graph.RemoteErrors;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.Page;
import dev.tessera.platform.graph.query.QueryOptions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code resourceRequests}: how resources enter, change in and leave catalogs. Adding or removing a
 * resource asks its origin service first (outside any transaction), with the service token, for the
 * object and whether the caller may act on it ({@link ResourceRights}); renaming it in the catalog
 * (adminUpdate) binds nothing new and needs only the catalog role.
 */
@ApplicationScoped
public class ResourceRequestService {

    @Inject
    ResourceOnboardingService onboarding;

    @Inject
    ResourceRequestRepository requests;

    @Inject
    OriginObjects origins;

    @Inject
    ResourceRights rights;

    /** The caller's role in the catalog has been checked; their rights over the resource are checked here. */
    public Uni<ResourceRequest> submit(ResourceRequestBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        if (body.requestType() == null) {
            throw GraphException.invalidField("requestType", "Property 'requestType' is required.");
        }
        if (body.catalog() == null) {
            throw GraphException.invalidField("catalog.id", "Property 'catalog.id' is required.");
        }
        UUID catalogId = Ids.parse(body.catalog().id(), "catalog.id");
        if (body.resource() == null) {
            throw GraphException.invalidField("resource", "Property 'resource' is required.");
        }
        GraphText.name(body.resource().displayName(), "resource.displayName");
        GraphText.description(body.resource().description(), "resource.description");
        GraphText.atMost(body.resource().originId(), "resource.originId", 512);
        // checked before anything is asked of the origin; null on adminUpdate keeps the resource's attributes
        List<ResourceAttribute> attributes = body.requestType() == ResourceRequestType.adminRemove
                || body.resource().attributes() == null ? null
                : ResourceAttributeRules.attributes(body.resource().attributes());
        return switch (body.requestType()) {
            case adminAdd -> add(catalogId, body.resource(), attributes == null ? List.of() : attributes);
            case adminUpdate -> onboarding.update(catalogId, body.resource(), attributes);
            case adminRemove -> remove(catalogId, body.resource());
            default -> throw GraphException.invalidField("requestType", "Resource requests are adminAdd, "
                    + "adminUpdate or adminRemove; '" + body.requestType() + "' is not supported here.");
        };
    }

    /** @param readers when given, only the requests of catalogs these principals hold a role in */
    public Uni<Listing<ResourceRequestJson>> list(QueryOptions options, Optional<List<UUID>> readers) {
        Expansions.allow(options, "accessPackageResourceRequest");
        return requests.page(options.filter(), readers, options.afterId(), options.top())
                .map(rows -> Listing.of(Page.of(rows, options.top(), r -> r.id.toString())
                        .map(ResourceRequestJson::of), null));
    }

    private Uni<ResourceRequest> add(UUID catalogId, ResourceRequestBody.ResourceRef ref,
            List<ResourceAttribute> attributes) {
        if (ref.originSystem() == null || ref.originSystem().isBlank()) {
            throw GraphException.invalidField("resource.originSystem", "Property 'resource.originSystem' is required.");
        }
        String system = OriginSystems.canonical(ref.originSystem()).orElseThrow(() -> GraphException.invalidField(
                "resource.originSystem", "'" + ref.originSystem() + "' is not an origin system; use AadGroup, "
                        + "AadApplication, SharePointOnline or DirectoryRole."));
        String originId = OriginSystems.originId(system, ref.originId());
        return onboarding.checkAddable(catalogId, system, originId)
                .chain(() -> origins.find(system, originId)
                        .onFailure().transform(e -> RemoteErrors.asGraphError(e, OriginSystems.owner(system),
                                OriginSystems.noun(system) + " '" + originId + "'")))
                .map(found -> found.orElseThrow(() -> GraphException.invalidField("resource.originId",
                        OriginSystems.noun(system) + " '" + originId + "' does not exist in the "
                                + OriginSystems.owner(system) + ".")))
                .call(origin -> rights.require(origin, ResourceRights.Change.ADD))
                .chain(origin -> onboarding.add(catalogId, origin, ref.displayName(), ref.description(),
                        attributes))
                .onFailure(DatabaseErrors::isUniqueViolation)
                .transform(e -> ResourceOnboardingService.alreadyThere(catalogId, originId));
    }

    /**
     * Taking a resource out needs the same rights over it as adding it (as in Entra), unless its
     * object is gone from its origin system: then nothing is left to protect.
     */
    private Uni<ResourceRequest> remove(UUID catalogId, ResourceRequestBody.ResourceRef ref) {
        return onboarding.find(catalogId, ref)
                .chain(resource -> origins.find(resource.originSystem, resource.originId)
                        .onFailure().transform(e -> RemoteErrors.asGraphError(e,
                                OriginSystems.owner(resource.originSystem),
                                OriginSystems.noun(resource.originSystem) + " '" + resource.originId + "'")))
                .chain(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                        : rights.require(found.get(), ResourceRights.Change.REMOVE))
                .chain(() -> onboarding.remove(catalogId, ref));
    }
}
