package dev.tessera.request.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.request.policy.Answers;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What catalog-service tells request-service about a package in one call: the package, its policies
 * (as Graph JSON), its resource roles, what it is incompatible with, and what the calling user's EM
 * roles let them do with its assignments and requests: manage (adminAdd, adminUpdate, adminRemove,
 * cancel, reprocess) and read. Both flags are false in a context fetched without a user.
 * {@code resourceAttributes}: the package's resources that ask requestors for attributes (catalog
 * resources' {@code attributes}, as Graph JSON); null from a catalog-service that does not send them.
 * {@code customExtensions}: the custom workflow extensions the policies' customExtensionStageSettings bind
 * (as Graph JSON); null from a catalog-service that does not send them.
 */
public record RequestContext(AccessPackage accessPackage, List<JsonNode> policies, List<ResourceRoleRef> resourceRoles,
        Incompatible incompatible, boolean callerManagesAssignments, boolean callerReadsAssignments,
        List<ResourceAttributes> resourceAttributes, List<JsonNode> customExtensions) {

    /** A resource of the package and the attributes it asks requestors for. */
    public record ResourceAttributes(String resourceId, String displayName, List<JsonNode> attributes) {
    }

    /** Every attribute question of the package's resources, to be answered on an add. */
    public List<Answers.AttributeQuestion> attributeQuestions() {
        return attributeQuestions(resourceAttributes);
    }

    public static List<Answers.AttributeQuestion> attributeQuestions(List<ResourceAttributes> resources) {
        return resources == null ? List.of() : resources.stream()
                .flatMap(r -> (r.attributes() == null ? List.<JsonNode>of() : r.attributes()).stream()
                        .map(a -> new Answers.AttributeQuestion(a.path("name").asText(), r.displayName(),
                                a.path("source").path("question"),
                                a.path("isPersistedOnAssignmentRemoval").asBoolean(false))))
                .toList();
    }

    /** A package or group the requested package is incompatible with. */
    public record Named(String id, String displayName) {
    }

    /** Packages (in either direction) and groups whose holders may not have this package. */
    public record Incompatible(List<Named> accessPackages, List<Named> groups) {

        public static final Incompatible NONE = new Incompatible(List.of(), List.of());
    }

    public Incompatible incompatibleOrNone() {
        return incompatible == null ? Incompatible.NONE : incompatible;
    }

    public record AccessPackage(UUID id, String displayName, String description, boolean isHidden, UUID catalogId) {
    }

    public Optional<PolicyView> policy(UUID policyId) {
        return policies.stream()
                .filter(p -> policyId.toString().equalsIgnoreCase(p.path("id").asText()))
                .findFirst()
                .map(PolicyView::new);
    }
}
