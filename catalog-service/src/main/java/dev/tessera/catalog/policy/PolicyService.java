package dev.tessera.catalog.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.accesspackage.AccessPackage;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.Keyset;
import dev.tessera.platform.graph.query.Page;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/** Assignment policies: validated, normalised, stored as their Graph JSON. */
@ApplicationScoped
public class PolicyService {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .uuid("accessPackage/id", "accessPackageId")
            .uuid("catalog/id", "catalogId")
            .enumeration("allowedTargetScope", "allowedTargetScope", PolicyDocument.TARGET_SCOPES)
            .build();

    @Inject
    ObjectMapper mapper;

    @Inject
    InstantSource clock;

    @WithTransaction
    public Uni<AssignmentPolicy> create(JsonNode body) {
        Instant now = clock.instant();
        ObjectNode document = PolicyDocument.normalise(body, now);
        String name = requiredName(body);
        UUID packageId = Ids.parse(body.path("accessPackage").path("id").asText(null), "accessPackage.id");
        return AccessPackage.<AccessPackage>findById(packageId)
                .onItem().ifNull().failWith(() -> GraphException.invalidField("accessPackage.id",
                        "Access package '" + packageId + "' was not found."))
                .chain(accessPackage -> {
                    AssignmentPolicy policy = new AssignmentPolicy();
                    policy.id = UUID.randomUUID();
                    policy.accessPackageId = accessPackage.id;
                    policy.catalogId = accessPackage.catalogId;
                    policy.displayName = name;
                    policy.description = body.path("description").asText(null);
                    policy.allowedTargetScope = document.path("allowedTargetScope").asText();
                    policy.document = write(document);
                    policy.createdAt = now;
                    policy.modifiedAt = now;
                    return policy.persist().replaceWith(policy);
                });
    }

    @WithTransaction
    public Uni<AssignmentPolicy> replace(String id, JsonNode body) {
        Instant now = clock.instant();
        ObjectNode document = PolicyDocument.normalise(body, now);
        String name = requiredName(body);
        return find(id).invoke(policy -> {
            String packageId = body.path("accessPackage").path("id").asText(null);
            if (packageId != null && !Ids.parse(packageId, "accessPackage.id").equals(policy.accessPackageId)) {
                throw GraphException.invalidField("accessPackage.id", "A policy cannot move to another access package.");
            }
            policy.displayName = name;
            policy.description = body.path("description").asText(null);
            policy.allowedTargetScope = document.path("allowedTargetScope").asText();
            policy.document = write(document);
            policy.modifiedAt = now;
        });
    }

    @WithTransaction
    public Uni<Void> delete(String id) {
        return find(id).chain(AssignmentPolicy::delete);
    }

    @WithSession
    public Uni<AssignmentPolicy> find(String id) {
        UUID policyId = Ids.pathId(id, "an assignment policy");
        return AssignmentPolicy.<AssignmentPolicy>findById(policyId)
                .onItem().ifNull().failWith(() -> GraphException.notFound("Assignment policy '" + id + "' was not found."));
    }

    @WithSession
    public Uni<Page<AssignmentPolicy>> list(QueryOptions options) {
        Keyset keyset = Keyset.where(options.filter(), FIELDS).after("id", options.afterId());
        return AssignmentPolicy.<AssignmentPolicy>find(keyset.query("id"), keyset.params()).page(0, options.top() + 1)
                .list().map(rows -> Page.of(rows, options.top(), p -> p.id.toString()));
    }

    @WithSession
    public Uni<List<ObjectNode>> forPackage(UUID packageId, boolean withQuestions) {
        return AssignmentPolicy.<AssignmentPolicy>list("accessPackageId = ?1 order by createdAt", packageId)
                .map(list -> list.stream().map(p -> toJson(p, withQuestions)).toList());
    }

    /** The policy as Graph returns it; questions are a navigation property, included when asked for. */
    public ObjectNode toJson(AssignmentPolicy policy, boolean withQuestions) {
        ObjectNode out = mapper.createObjectNode();
        out.put("id", policy.id.toString());
        out.put("displayName", policy.displayName);
        out.put("description", policy.description);
        out.put("createdDateTime", policy.createdAt.toString());
        out.put("modifiedDateTime", policy.modifiedAt.toString());
        ObjectNode document = read(policy.document);
        JsonNode questions = document.remove("questions");
        out.setAll(document);
        if (withQuestions) {
            out.set("questions", questions == null ? mapper.createArrayNode() : questions);
        }
        return out;
    }

    private static String requiredName(JsonNode body) {
        String name = body.path("displayName").asText("");
        if (name.isBlank()) {
            throw GraphException.invalidField("displayName", "Property 'displayName' is required.");
        }
        return name.trim();
    }

    private String write(ObjectNode document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode read(String document) {
        try {
            return (ObjectNode) mapper.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored policy document is unreadable", e);
        }
    }
}
