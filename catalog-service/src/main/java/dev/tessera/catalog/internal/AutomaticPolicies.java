package dev.tessera.catalog.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.catalog.policy.AssignmentPolicy;
import dev.tessera.catalog.policy.AssignmentPolicyRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The auto-assignment policies, each with its package's request context. */
@ApplicationScoped
public class AutomaticPolicies {

    @Inject
    AssignmentPolicyRepository repository;

    @Inject
    RequestContextService contexts;

    @Inject
    ObjectMapper mapper;

    public Uni<List<AutomaticPolicy>> all() {
        return Panache.withSession(() -> repository.list("automaticRequestSettings is not null order by createdAt, id"))
                .chain(rows -> {
                    Set<UUID> automatic = new LinkedHashSet<>();
                    Set<UUID> packageIds = new LinkedHashSet<>();
                    for (AssignmentPolicy policy : rows) {
                        if (requestsAccess(policy.automaticRequestSettings)) {
                            automatic.add(policy.id);
                            packageIds.add(policy.accessPackageId);
                        }
                    }
                    List<AutomaticPolicy> found = new ArrayList<>();
                    // One package after the other: they share the session.
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID packageId : packageIds) {
                        chain = chain.chain(() -> contexts.withoutCaller(packageId.toString()).invoke(context ->
                                context.policies().stream()
                                        .filter(p -> automatic.contains(UUID.fromString(p.id())))
                                        .forEach(p -> found.add(new AutomaticPolicy(context.accessPackage(), p,
                                                context.resourceRoles(), context.incompatible()))))).replaceWithVoid();
                    }
                    return chain.replaceWith(found);
                });
    }

    /** Lenient as policy input is: {@code true} or {@code "true"}. */
    private boolean requestsAccess(String settings) {
        try {
            JsonNode node = mapper.readTree(settings);
            JsonNode flag = node == null ? null : node.get("requestAccessForAllowedTargets");
            return flag != null && (flag.asBoolean(false) || "true".equalsIgnoreCase(flag.asText()));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
