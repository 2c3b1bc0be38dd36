package dev.tessera.catalog.resource;

import dev.tessera.catalog.Expansions;
import dev.tessera.catalog.Listing;
import dev.tessera.platform.graph.DatabaseErrors;
import dev.tessera.platform.graph.GraphException;
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
 * {@code resourceRequests}: how resources enter, change in and leave catalogs. Adding a group asks the
 * directory first (outside any transaction), with the service token.
 */
@ApplicationScoped
public class ResourceRequestService {

    @Inject
    ResourceOnboardingService onboarding;

    @Inject
    ResourceRequestRepository requests;

    @Inject
    OriginObjects origins;

    /**
     * @param mayAddDirectoryRoles whether the caller is a Global or Privileged Role Administrator:
     *        only they may put directory roles into a catalog, as in Entra
     */
    public Uni<ResourceRequest> submit(ResourceRequestBody body, boolean mayAddDirectoryRoles) {
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
        return switch (body.requestType()) {
            case adminAdd -> add(catalogId, body.resource(), mayAddDirectoryRoles);
            case adminUpdate -> onboarding.update(catalogId, body.resource());
            case adminRemove -> onboarding.remove(catalogId, body.resource());
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

    private Uni<ResourceRequest> add(UUID catalogId, ResourceRequestBody.ResourceRef ref, boolean mayAddDirectoryRoles) {
        if (ref.originSystem() == null || ref.originSystem().isBlank()) {
            throw GraphException.invalidField("resource.originSystem", "Property 'resource.originSystem' is required.");
        }
        String system = OriginSystems.canonical(ref.originSystem()).orElseThrow(() -> GraphException.invalidField(
                "resource.originSystem", "'" + ref.originSystem() + "' is not an origin system; use AadGroup, "
                        + "AadApplication, SharePointOnline or DirectoryRole."));
        if (system.equals(OriginSystems.DIRECTORY_ROLE) && !mayAddDirectoryRoles) {
            throw GraphException.forbidden("Only a Global Administrator or Privileged Role Administrator may add "
                    + "directory roles to a catalog.");
        }
        String originId = OriginSystems.originId(system, ref.originId());
        return onboarding.checkAddable(catalogId, system, originId)
                .chain(() -> origins.find(system, originId)
                        .onFailure().transform(e -> RemoteErrors.asGraphError(e, OriginSystems.owner(system),
                                OriginSystems.noun(system) + " '" + originId + "'")))
                .map(found -> found.orElseThrow(() -> GraphException.invalidField("resource.originId",
                        OriginSystems.noun(system) + " '" + originId + "' does not exist in the "
                                + OriginSystems.owner(system) + ".")))
                .chain(origin -> onboarding.add(catalogId, origin, ref.displayName(), ref.description()))
                .onFailure(DatabaseErrors::isUniqueViolation)
                .transform(e -> ResourceOnboardingService.alreadyThere(catalogId, originId));
    }
}
