package dev.tessera.request.catalog;

import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.RemoteErrors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Who may manage and see which assignments and requests: the one place request-service decides it.
 * An entitlement administrator manages all; an entitlement reader sees all; a Catalog owner, Access
 * package manager or Access package assignment manager (roles held in catalog-service) manages and
 * sees those of their catalogs' packages, and a Catalog reader sees them. Only when the token alone
 * does not decide is catalog-service asked, once per HTTP request: for one package, the flags of its
 * requestContext ({@link CallerContexts}, the same call that validates the request); for a list, the
 * set of packages ({@code managedAccessPackages}). Everyone sees their own. Managing never bypasses
 * approval: the policy's approval settings apply to an adminAdd whoever makes it.
 */
@RequestScoped
public class AssignmentAuthority {

    @Inject
    Caller caller;

    @Inject
    CatalogService catalog;

    @Inject
    CallerContexts contexts;

    private Uni<Set<UUID>> readable;

    /** What a list shows: everything, or the caller's own rows and those of {@code packages}. */
    public record Visibility(boolean all, UUID self, Set<UUID> packages) {
    }

    public boolean managesAll() {
        return caller.isEntitlementAdmin();
    }

    /**
     * Whether the caller may make admin requests for, cancel and reprocess requests of, this package
     * (false for a package that does not exist).
     */
    public Uni<Boolean> manages(UUID accessPackageId) {
        if (managesAll()) {
            return Uni.createFrom().item(true);
        }
        return catalogSays(accessPackageId, RequestContext::callerManagesAssignments);
    }

    /** Whether the caller may read this package's requests, assignments and approvals (their own aside). */
    public Uni<Boolean> sees(UUID accessPackageId) {
        if (caller.isEntitlementReader()) {
            return Uni.createFrom().item(true);
        }
        return catalogSays(accessPackageId, RequestContext::callerReadsAssignments);
    }

    public Uni<Visibility> visibility() {
        if (caller.isEntitlementReader()) {
            return Uni.createFrom().item(new Visibility(true, null, Set.of()));
        }
        UUID me = caller.objectId();
        return readablePackages().map(ids -> new Visibility(false, me, ids));
    }

    private Uni<Boolean> catalogSays(UUID accessPackageId, Predicate<RequestContext> flag) {
        return contexts.of(accessPackageId)
                .onFailure().transform(e -> RemoteErrors.asGraphError(e, "catalog service",
                        "the caller's catalog roles"))
                .map(found -> found.map(flag::test).orElse(false));
    }

    /** The packages whose rows the caller sees through catalog roles (every catalog role reads). */
    private Uni<Set<UUID>> readablePackages() {
        if (readable == null) {
            readable = catalog.managedAccessPackages(caller.rawToken())
                    .onFailure().transform(e -> RemoteErrors.asGraphError(e, "catalog service",
                            "the caller's catalog roles"))
                    .map(found -> ids(Optional.ofNullable(found.readableAccessPackageIds())
                            .orElse(found.accessPackageIds())))
                    .memoize().indefinitely();
        }
        return readable;
    }

    private static Set<UUID> ids(List<String> ids) {
        return ids == null ? Set.of() : ids.stream().map(UUID::fromString).collect(Collectors.toSet());
    }
}
