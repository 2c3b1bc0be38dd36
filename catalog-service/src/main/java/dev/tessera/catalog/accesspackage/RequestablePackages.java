package dev.tessera.catalog.accesspackage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.catalog.Listing;
import dev.tessera.catalog.policy.AssignmentPolicyRepository;
import dev.tessera.catalog.policy.PolicyMapper;
import dev.tessera.platform.em.PolicyEvaluator;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.graph.query.QueryOptions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code accessPackages/filterByCurrentUser(on='allowedRequestor')}: the packages the caller may ask for
 * themselves — at least one policy lets targets self-add and its requestor scope admits the caller,
 * judged with the same {@link PolicyEvaluator} rules request-service applies to the request. Hidden
 * packages are left out of this discovery list only; asking for one directly stays allowed.
 */
@ApplicationScoped
public class RequestablePackages {

    @Inject
    AssignmentPolicyRepository policies;

    @Inject
    AccessPackageRepository packages;

    @Inject
    AccessPackageService packageService;

    @Inject
    PolicyMapper policyMapper;

    @Inject
    SelfAddScope selfAdd;

    @Inject
    ObjectMapper mapper;

    public Uni<Listing<AccessPackageJson>> list(QueryOptions options, UUID caller, Optional<String> email) {
        return admittedPackageIds(caller, email).chain(among -> Listing.of(options,
                filter -> packages.countVisible(filter, among),
                (filter, after, top) -> packages.visiblePage(filter, among, after, top), p -> p.id.toString(),
                rows -> packageService.expandAll(rows, options)));
    }

    /** Ids of the not-hidden packages with a policy under which the caller may self-add. */
    private Uni<List<UUID>> admittedPackageIds(UUID caller, Optional<String> email) {
        return policies.ofVisiblePackages().chain(rows -> {
            // keyed by package id: the Graph JSON of a policy names its package only when expanded
            List<Map.Entry<UUID, PolicyView>> views = rows.stream()
                    .map(p -> Map.entry(p.accessPackageId,
                            new PolicyView(mapper.valueToTree(policyMapper.toJson(p, false)))))
                    .toList();
            return selfAdd.admitted(views, Map.Entry::getValue, caller, email)
                    .map(admitted -> admitted.stream().map(Map.Entry::getKey).distinct().toList());
        });
    }
}
