package dev.tessera.catalog.connectedorganization;

import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.ODataRef;
import dev.tessera.catalog.Expansions;
import dev.tessera.catalog.Listing;
import dev.tessera.platform.graph.DatabaseErrors;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.Page;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/**
 * Internal and external sponsors of connected organizations, kept as user ids. Whether the user
 * exists is not checked: the directory is provisioning-service's, and Graph itself accepts any
 * directory object here.
 */
@ApplicationScoped
public class SponsorService {

    @Inject
    ConnectedOrganizationService organizations;

    @Inject
    ConnectedOrganizationRepository organizationRows;

    @Inject
    SponsorRepository sponsors;

    @Inject
    InstantSource clock;

    public Uni<Listing<SponsorJson>> list(String organizationId, SponsorType type, QueryOptions options) {
        Expansions.allow(options, "directoryObject");
        UUID after = options.afterId();
        return organizations.require(organizationId)
                .chain(organization -> sponsors.page(organization.id, type, options.filter(), after, options.top()))
                .map(rows -> Listing.of(Page.of(rows, options.top(), s -> s.key.userId().toString())
                        .map(SponsorJson::of), null));
    }

    /** Both sponsor lists of an organization, for request-service's approver resolution; 404 for an unknown one. */
    @WithSession
    public Uni<Sponsors> all(String organizationId) {
        return organizations.require(organizationId).chain(organization -> sponsors.all(organization.id, SponsorType.internal)
                .chain(internal -> sponsors.all(organization.id, SponsorType.external)
                        .map(external -> new Sponsors(organization.id, internal, external))));
    }

    /** The user ids of an organization's internal and external sponsors. */
    public record Sponsors(UUID id, List<UUID> internalSponsors, List<UUID> externalSponsors) {
    }

    /** Adds a sponsor; the organization is share-locked so it cannot be deleted under the new row. */
    public Uni<Void> add(String organizationId, SponsorType type, ODataRef body) {
        if (body == null) {
            throw GraphException.invalidField("@odata.id", "Property '@odata.id' is required.");
        }
        UUID userId = body.id("users", "directoryObjects");
        UUID id = Ids.pathId(organizationId, "a connected organization");
        return Panache.withTransaction(() -> organizationRows.lockExisting(List.of(id)).chain(found -> {
                    if (found.isEmpty()) {
                        throw ConnectedOrganizationService.notFound(organizationId);
                    }
                    return sponsors.find(id, type, userId);
                }).chain(existing -> {
                    if (existing != null) {
                        throw alreadyThere(type);
                    }
                    Sponsor sponsor = new Sponsor();
                    sponsor.key = new Sponsor.Key(id, type.name(), userId);
                    sponsor.createdAt = clock.instant();
                    return sponsors.persist(sponsor);
                }))
                // The same user added twice at once: the primary key refuses the second.
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> alreadyThere(type))
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> remove(String organizationId, SponsorType type, String userPathId) {
        UUID userId = Ids.pathId(userPathId, "a user");
        return organizations.require(organizationId)
                .chain(organization -> sponsors.find(organization.id, type, userId))
                .onItem().ifNull().failWith(() -> notASponsor(organizationId, type, userId))
                .chain(sponsor -> Deletes.one(sponsors.delete("key", sponsor.key),
                        () -> notASponsor(organizationId, type, userId)));
    }

    private static GraphException notASponsor(String organizationId, SponsorType type, UUID userId) {
        return GraphException.notFound("User '" + userId + "' is not one of the " + type.navigation()
                + " of connected organization '" + organizationId + "'.");
    }

    private static GraphException alreadyThere(SponsorType type) {
        return new GraphException(400, "Request_BadRequest", "One or more added object references already exist "
                + "for the following modified properties: '" + type.navigation() + "'.");
    }
}
