package dev.tessera.request.catalog;

import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.RemoteErrors;
import dev.tessera.platform.graph.query.Keyset;
import dev.tessera.request.subject.SubjectStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * does not decide is catalog-service asked (it knows catalog roles only, the token's tenant-wide
 * roles are judged here first), once per HTTP request: for one package, the flags of its
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

    @Inject
    SubjectStore subjects;

    private Uni<Set<UUID>> readable;

    /**
     * What a list shows: everything, or the caller's own rows — by object id, or of the {@code subjects}
     * they asked for themselves as an external requestor (see SubjectStore#idsOfRequestor) — and those
     * of {@code packages}.
     */
    public record Visibility(boolean all, UUID self, List<UUID> subjects, Set<UUID> packages) {

        /** The OR of the paths a non-reader's list is limited to, for {@link Keyset#eqAnyOrInAny}. */
        public Map<String, Collection<?>> ins() {
            Map<String, Collection<?>> ins = new LinkedHashMap<>();
            ins.put("targetSubject.id", subjects);
            ins.put("accessPackageId", packages);
            return ins;
        }
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
            return Uni.createFrom().item(new Visibility(true, null, List.of(), Set.of()));
        }
        UUID me = caller.objectId();
        return subjects.idsOfRequestor(me)
                .chain(asked -> readablePackages().map(ids -> new Visibility(false, me, asked, ids)));
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
            readable = catalog.managedAccessPackages(caller.objectId())
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
