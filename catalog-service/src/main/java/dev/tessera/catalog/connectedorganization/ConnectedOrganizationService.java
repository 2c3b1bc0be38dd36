package dev.tessera.catalog.connectedorganization;

import dev.tessera.catalog.Expansions;
import dev.tessera.catalog.Listing;
import dev.tessera.catalog.policy.AssignmentPolicy;
import dev.tessera.catalog.policy.AssignmentPolicyRepository;
import dev.tessera.platform.graph.DatabaseErrors;
import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Connected organizations. Identity sources are fixed at creation, and a domain or tenant belongs to
 * one organization only (a unique index decides concurrent creates). An organization that an
 * assignment policy names cannot be deleted.
 */
@ApplicationScoped
public class ConnectedOrganizationService {

    static final int MAX_NAME = 256;
    static final int MAX_DESCRIPTION = 1024;
    /** How many referencing policies a refused delete names. */
    static final int POLICIES_NAMED = 3;

    @Inject
    ConnectedOrganizationRepository organizations;

    @Inject
    IdentitySourceRepository sources;

    @Inject
    AssignmentPolicyRepository policies;

    @Inject
    InstantSource clock;

    public Uni<Listing<ConnectedOrganizationJson>> list(QueryOptions options) {
        Expansions.allow(options, "connectedOrganization");
        return Listing.of(options, organizations::count, organizations::page, o -> o.id.toString(),
                this::withSources);
    }

    public Uni<ConnectedOrganizationJson> get(String id, QueryOptions options) {
        Expansions.allow(options, "connectedOrganization");
        return require(id).chain(o -> withSources(List.of(o))).map(items -> items.get(0));
    }

    /** The organization with this path id, or a 404. */
    public Uni<ConnectedOrganization> require(String id) {
        UUID organizationId = Ids.pathId(id, "a connected organization");
        return organizations.findById(organizationId).onItem().ifNull()
                .failWith(() -> notFound(id));
    }

    /** The organization a domain-based identity source gives this domain to, or a 404. */
    public Uni<ConnectedOrganization> byDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            throw GraphException.invalidField("domain", "Query parameter 'domain' is required, e.g. ?domain=contoso.com.");
        }
        String canonical = DomainNames.canonical(domain).orElseThrow(() -> GraphException.invalidField("domain",
                "'" + domain + "' is not a valid domain name such as contoso.com."));
        return organizations.byDomain(canonical).onItem().ifNull().failWith(() -> GraphException.notFound(
                "No connected organization has the domain '" + canonical + "'."));
    }

    /**
     * The organization of a domain, proposing one when there is none: as Entra does when someone from a
     * domain no connected organization has requests under a policy for all external users, a
     * {@code proposed} organization named after the domain, with one domainIdentitySource for it. Idempotent:
     * the domain's unique index decides concurrent proposals, and the loser answers the winner's organization.
     * An administrator configures it later (PATCH state); until then {@code allConfiguredConnectedOrganizationUsers}
     * ignores it.
     */
    public Uni<ConnectedOrganization> propose(String domain) {
        if (domain == null || domain.isBlank()) {
            throw GraphException.invalidField("domain", "Query parameter 'domain' is required, e.g. ?domain=contoso.com.");
        }
        String canonical = DomainNames.canonical(domain).orElseThrow(() -> GraphException.invalidField("domain",
                "'" + domain + "' is not a valid domain name such as contoso.com."));
        return organizations.byDomain(canonical).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            Instant now = now();
            ConnectedOrganization organization = new ConnectedOrganization();
            organization.id = UUID.randomUUID();
            organization.displayName = canonical;
            organization.state = ConnectedOrganizationState.proposed;
            organization.createdAt = now;
            organization.modifiedAt = now;
            IdentitySourceRow row = IdentitySources.row(organization.id, 0,
                    new IdentitySource.DomainIdentitySource(canonical, canonical));
            return Panache.withTransaction(() -> organizations.persist(organization)
                            .chain(() -> sources.persist(row)))
                    .replaceWith(organization)
                    // a concurrent proposal (or create) claimed the domain first: it is that organization
                    .onFailure(DatabaseErrors::isUniqueViolation).recoverWithUni(e -> organizations.byDomain(canonical)
                            .onItem().ifNull().failWith(() -> new GraphException(409, "IdentitySourceInUse",
                                    "Domain '" + canonical + "' was just connected to another organization.")));
        });
    }

    public Uni<ConnectedOrganizationJson> create(ConnectedOrganizationBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        Instant now = now();
        ConnectedOrganization organization = new ConnectedOrganization();
        organization.id = UUID.randomUUID();
        organization.displayName = requiredName(body.displayName());
        organization.description = description(body.description());
        organization.state = body.state() == null ? ConnectedOrganizationState.configured : state(body.state());
        organization.createdAt = now;
        organization.modifiedAt = now;
        List<IdentitySource> given = IdentitySources.normalise(body.identitySources());
        List<IdentitySourceRow> rows = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            rows.add(IdentitySources.row(organization.id, i, given.get(i)));
        }
        return Panache.withTransaction(() -> refuseClaimed(given)
                        .chain(() -> organizations.persist(organization))
                        .chain(() -> sources.persist(rows)))
                // Another create claimed a domain or tenant between the check and the commit.
                .onFailure(DatabaseErrors::isUniqueViolation).recoverWithUni(e -> refuseClaimed(given)
                        .chain(() -> Uni.createFrom().failure(new GraphException(409, "IdentitySourceInUse",
                                "A domain or tenant of this organization was just connected to another organization."))))
                .map(done -> ConnectedOrganizationJson.of(organization, rows));
    }

    @WithTransaction
    public Uni<Void> update(String id, ConnectedOrganizationBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        if (body.identitySources() != null) {
            throw GraphException.invalidField("identitySources", "Property 'identitySources' cannot change after a "
                    + "connected organization is created; create another organization for other identity sources.");
        }
        String name = body.displayName() == null ? null : requiredName(body.displayName());
        String description = description(body.description());
        ConnectedOrganizationState state = body.state() == null ? null : state(body.state());
        return require(id).invoke(organization -> {
            if (name != null) {
                organization.displayName = name;
            }
            if (description != null) {
                organization.description = description;
            }
            if (state != null) {
                organization.state = state;
            }
            organization.modifiedAt = now();
        }).replaceWithVoid();
    }

    /**
     * Locks the organization first, so a policy naming it (which share-locks it) either committed
     * before the reference check or waits and then finds it gone.
     */
    @WithTransaction
    public Uni<Void> delete(String id) {
        UUID organizationId = Ids.pathId(id, "a connected organization");
        return organizations.lockForDelete(organizationId)
                .onItem().ifNull().failWith(() -> notFound(id))
                .call(organization -> policies.referencingConnectedOrganization(organizationId, POLICIES_NAMED + 1)
                        .invoke(referencing -> {
                            if (!referencing.isEmpty()) {
                                throw inUse(organization, referencing);
                            }
                        }))
                .chain(organization -> Deletes.one(organizations.delete("id", organization.id), () -> notFound(id)));
    }

    private Uni<Void> refuseClaimed(List<IdentitySource> given) {
        List<String> domains = new ArrayList<>();
        List<UUID> tenants = new ArrayList<>();
        for (IdentitySource source : given) {
            String claim = IdentitySources.claim(source);
            String value = claim.substring(claim.indexOf(':') + 1);
            if (claim.startsWith("domain:")) {
                domains.add(value);
            } else {
                tenants.add(UUID.fromString(value));
            }
        }
        return sources.claiming(domains, tenants).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            IdentitySourceRow taken = claimed.get(0);
            String takenClaim = IdentitySources.claim(IdentitySources.of(taken));
            int index = 0;
            while (index < given.size() && !IdentitySources.claim(given.get(index)).equals(takenClaim)) {
                index++;
            }
            String field = IdentitySources.FIELD + "[" + index + "]" + IdentitySources.claimField(given.get(index));
            String what = taken.domainName != null ? "Domain '" + taken.domainName + "'"
                    : "Tenant '" + taken.tenantId + "'";
            return organizations.findById(taken.organizationId).chain(holder -> Uni.createFrom().failure(
                    new GraphException(409, "IdentitySourceInUse", what + " already belongs to connected organization '"
                            + (holder == null ? "?" : holder.displayName) + "' (" + taken.organizationId + ").",
                            field)));
        });
    }

    private Uni<List<ConnectedOrganizationJson>> withSources(List<ConnectedOrganization> rows) {
        return sources.ofOrganizations(rows.stream().map(o -> o.id).toList()).map(found -> {
            Map<UUID, List<IdentitySourceRow>> byOrganization = found.stream()
                    .collect(Collectors.groupingBy(s -> s.organizationId));
            return rows.stream().map(o -> ConnectedOrganizationJson.of(o, byOrganization.getOrDefault(o.id, List.of())))
                    .toList();
        });
    }

    private static GraphException inUse(ConnectedOrganization organization, List<AssignmentPolicy> referencing) {
        String named = referencing.stream().limit(POLICIES_NAMED)
                .map(p -> "'" + p.displayName + "' (" + p.id + ")").collect(Collectors.joining(", "));
        String more = referencing.size() > POLICIES_NAMED ? " and others" : "";
        return GraphException.conflict("ConnectedOrganizationInUse", "Connected organization '"
                + organization.displayName + "' is named by assignment " + (referencing.size() > 1 ? "policies "
                : "policy ") + named + more
                + "; remove it from those policies before deleting the organization.");
    }

    static GraphException notFound(String id) {
        return GraphException.notFound("Connected organization '" + id + "' was not found.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ConnectedOrganizationState state(ConnectedOrganizationState state) {
        if (state == ConnectedOrganizationState.unknownFutureValue) {
            throw GraphException.invalidField("state", "Property 'state' must be configured or proposed.");
        }
        return state;
    }

    private static String requiredName(String value) {
        if (value == null || value.isBlank()) {
            throw GraphException.invalidField("displayName", "Property 'displayName' is required.");
        }
        String name = value.trim();
        if (name.length() > MAX_NAME) {
            throw GraphException.invalidField("displayName",
                    "Property 'displayName' is at most " + MAX_NAME + " characters long.");
        }
        return name;
    }

    private static String description(String value) {
        if (value != null && value.length() > MAX_DESCRIPTION) {
            throw GraphException.invalidField("description",
                    "Property 'description' is at most " + MAX_DESCRIPTION + " characters long.");
        }
        return value;
    }
}
