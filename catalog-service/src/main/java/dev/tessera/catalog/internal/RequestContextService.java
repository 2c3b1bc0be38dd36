package dev.tessera.catalog.internal;

import dev.tessera.catalog.incompatible.Incompatibilities;
import dev.tessera.catalog.accesspackage.AccessPackageService;
import dev.tessera.catalog.accesspackage.RoleScopeService;
import dev.tessera.catalog.policy.PolicyService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Assembles the {@link RequestContext} of an access package (404 if there is no such package). */
@ApplicationScoped
public class RequestContextService {

    @Inject
    AccessPackageService packages;

    @Inject
    PolicyService policies;

    @Inject
    RoleScopeService roleScopes;

    @Inject
    Incompatibilities incompatibilities;

    public Uni<RequestContext> of(String accessPackageId) {
        return packages.require(accessPackageId).chain(p -> policies.ofPackages(List.of(p.id), true)
                .chain(policyList -> roleScopes.refs(p.id)
                        .chain(roles -> incompatibilities.forRequests(p.id).map(incompatible -> new RequestContext(
                                new RequestContext.AccessPackage(p.id.toString(), p.displayName, p.description, p.hidden,
                                        p.catalogId.toString()),
                                policyList, roles, incompatible)))));
    }
}
