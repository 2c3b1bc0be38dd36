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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who may manage and see which assignments and requests: the one place request-service decides it.
 * An entitlement administrator manages all; an entitlement reader sees all; a Catalog owner, Access
 * package manager or Access package assignment manager (roles held in catalog-service) manages and
 * sees those of their catalogs' packages — asked of catalog-service once per HTTP request, and only
 * when the token alone does not decide. Everyone sees their own. Managing never bypasses approval:
 * the policy's approval settings apply to an adminAdd whoever makes it.
 */
@RequestScoped
public class AssignmentAuthority {

    @Inject
    Caller caller;

    @Inject
    CatalogService catalog;

    @Inject
    SubjectStore subjects;

    private Uni<Set<UUID>> managed;

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

    /** Whether the caller may make admin requests for, cancel and reprocess requests of, this package. */
    public Uni<Boolean> manages(UUID accessPackageId) {
        if (managesAll()) {
            return Uni.createFrom().item(true);
        }
        return managedPackages().map(ids -> ids.contains(accessPackageId));
    }

    /** Whether the caller may read this package's requests and assignments (their own aside). */
    public Uni<Boolean> sees(UUID accessPackageId) {
        if (caller.isEntitlementReader()) {
            return Uni.createFrom().item(true);
        }
        return manages(accessPackageId);
    }

    public Uni<Visibility> visibility() {
        if (caller.isEntitlementReader()) {
            return Uni.createFrom().item(new Visibility(true, null, List.of(), Set.of()));
        }
        UUID me = caller.objectId();
        return subjects.idsOfRequestor(me)
                .chain(asked -> managedPackages().map(ids -> new Visibility(false, me, asked, ids)));
    }

    /** The packages managed through catalog roles; asked once per HTTP request. */
    private Uni<Set<UUID>> managedPackages() {
        if (managed == null) {
            managed = catalog.managedAccessPackages(caller.rawToken())
                    .onFailure().transform(e -> RemoteErrors.asGraphError(e, "catalog service",
                            "the caller's catalog roles"))
                    .map(found -> found.accessPackageIds() == null ? Set.<UUID>of()
                            : found.accessPackageIds().stream().map(UUID::fromString).collect(Collectors.toSet()))
                    .memoize().indefinitely();
        }
        return managed;
    }
}
