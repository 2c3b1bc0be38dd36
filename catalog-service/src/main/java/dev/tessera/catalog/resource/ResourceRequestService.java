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
import java.util.UUID;

/**
 * {@code resourceRequests}: how resources enter, change in and leave catalogs. Adding a group asks the
 * directory first (outside any transaction), with the caller's token.
 */
@ApplicationScoped
public class ResourceRequestService {

    @Inject
    ResourceOnboardingService onboarding;

    @Inject
    ResourceRequestRepository requests;

    @Inject
    DirectoryGroups directory;

    public Uni<ResourceRequest> submit(ResourceRequestBody body, String bearerToken) {
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
            case adminAdd -> add(catalogId, body.resource(), bearerToken);
            case adminUpdate -> onboarding.update(catalogId, body.resource());
            case adminRemove -> onboarding.remove(catalogId, body.resource());
            default -> throw GraphException.invalidField("requestType", "Resource requests are adminAdd, "
                    + "adminUpdate or adminRemove; '" + body.requestType() + "' is not supported here.");
        };
    }

    public Uni<Listing<ResourceRequestJson>> list(QueryOptions options) {
        Expansions.allow(options, "accessPackageResourceRequest");
        return requests.page(options.filter(), options.afterId(), options.top())
                .map(rows -> Listing.of(Page.of(rows, options.top(), r -> r.id.toString())
                        .map(ResourceRequestJson::of), null));
    }

    private Uni<ResourceRequest> add(UUID catalogId, ResourceRequestBody.ResourceRef ref, String bearerToken) {
        if (ref.originSystem() == null || ref.originSystem().isBlank()) {
            throw GraphException.invalidField("resource.originSystem", "Property 'resource.originSystem' is required.");
        }
        String system = OriginSystems.canonical(ref.originSystem()).orElse(ref.originSystem());
        if (!system.equals(OriginSystems.AAD_GROUP)) {
            throw new GraphException(400, "notSupported", "Resources of origin system '" + ref.originSystem()
                    + "' are not supported yet; only groups (AadGroup) can be added to a catalog.",
                    "resource.originSystem");
        }
        UUID groupId = Ids.parse(ref.originId(), "resource.originId");
        return onboarding.checkAddable(catalogId, OriginSystems.AAD_GROUP, groupId.toString())
                .chain(() -> group(groupId, bearerToken))
                .chain(group -> onboarding.addGroup(catalogId, group, ref.displayName(), ref.description()))
                .onFailure(DatabaseErrors::isUniqueViolation)
                .transform(e -> ResourceOnboardingService.alreadyThere(catalogId, groupId.toString()));
    }

    private Uni<DirectoryGroup> group(UUID groupId, String bearerToken) {
        return directory.find(groupId, bearerToken)
                .onFailure().transform(failure -> RemoteErrors.asGraphError(failure, "directory", "group '" + groupId + "'"))
                .map(found -> found.orElseThrow(() -> GraphException.invalidField("resource.originId",
                        "Group '" + groupId + "' does not exist in the directory.")));
    }
}
