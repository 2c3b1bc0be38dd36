package dev.tessera.catalog.extension;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.Listing;
import dev.tessera.catalog.catalog.CatalogRepository;
import dev.tessera.catalog.policy.AssignmentPolicyRepository;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphText;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A catalog's custom workflow extensions: validated by {@link ExtensionRules}, replaced whole by PUT. */
@ApplicationScoped
public class CustomWorkflowExtensionService {

    @Inject
    CustomWorkflowExtensionRepository extensions;

    @Inject
    CatalogRepository catalogs;

    @Inject
    AssignmentPolicyRepository policies;

    @Inject
    ObjectMapper mapper;

    @Inject
    InstantSource clock;

    public Uni<Listing<ObjectNode>> list(UUID catalogId, QueryOptions options) {
        return requireCatalog(catalogId).chain(() -> Listing.of(options, filter -> extensions.count(catalogId, filter),
                (filter, after, top) -> extensions.page(catalogId, filter, after, top), e -> e.id.toString(),
                rows -> Uni.createFrom().item(rows.stream().map(e -> ExtensionJson.of(e, mapper)).toList())));
    }

    public Uni<ObjectNode> get(UUID catalogId, UUID id) {
        return require(catalogId, id).map(e -> ExtensionJson.of(e, mapper));
    }

    @WithTransaction
    public Uni<ObjectNode> create(UUID catalogId, ExtensionBody body) {
        CustomWorkflowExtension e = new CustomWorkflowExtension();
        ExtensionType type = ExtensionType.parse(required(body).odataType());
        apply(e, type, body);
        return requireCatalog(catalogId).chain(() -> {
            Instant now = now();
            e.id = UUID.randomUUID();
            e.catalogId = catalogId;
            e.createdAt = now;
            e.modifiedAt = now;
            return extensions.persist(e);
        }).map(saved -> ExtensionJson.of(saved, mapper));
    }

    /** PUT: the whole extension; its type cannot change (policies bound to it chose it for a stage). */
    @WithTransaction
    public Uni<ObjectNode> replace(UUID catalogId, UUID id, ExtensionBody body) {
        required(body);
        return require(catalogId, id).map(e -> {
            ExtensionType type = body.odataType() == null ? ExtensionType.valueOf(e.odataType)
                    : ExtensionType.parse(body.odataType());
            if (!type.name().equals(e.odataType)) {
                throw GraphException.invalidField("@odata.type", "A custom workflow extension cannot change its type.");
            }
            apply(e, type, body);
            e.modifiedAt = now();
            return ExtensionJson.of(e, mapper);
        });
    }

    /** Refused (409) while a policy binds it: the policy would call nothing at its stage. */
    @WithTransaction
    public Uni<Void> delete(UUID catalogId, UUID id) {
        return require(catalogId, id).chain(e -> policies.count("customExtensionStageSettings like ?1", "%" + id + "%"))
                .chain(used -> {
                    if (used > 0) {
                        throw GraphException.conflict("The custom workflow extension is used by " + used
                                + " assignment polic" + (used == 1 ? "y" : "ies") + "; remove it from their "
                                + "customExtensionStageSettings first.");
                    }
                    return extensions.deleteInCatalog(catalogId, id);
                }).replaceWithVoid();
    }

    private void apply(CustomWorkflowExtension e, ExtensionType type, ExtensionBody body) {
        if (body.displayName() == null || body.displayName().isBlank()) {
            throw GraphException.invalidField("displayName", "Property 'displayName' is required.");
        }
        e.odataType = type.name();
        e.displayName = GraphText.name(body.displayName().trim(), "displayName");
        e.description = GraphText.description(body.description(), "description");
        e.endpointConfiguration = ExtensionRules.endpoint(body.endpointConfiguration()).toString();
        e.authenticationConfiguration = string(ExtensionRules.authentication(body.authenticationConfiguration()));
        e.clientConfiguration = string(ExtensionRules.client(body.clientConfiguration()));
        e.callbackConfiguration = string(ExtensionRules.callback(body.callbackConfiguration(), type));
    }

    private Uni<CustomWorkflowExtension> require(UUID catalogId, UUID id) {
        return requireCatalog(catalogId).chain(() -> extensions.inCatalog(catalogId, id)).onItem().ifNull()
                .failWith(() -> GraphException.notFound("Custom workflow extension '" + id + "' was not found."));
    }

    private Uni<Void> requireCatalog(UUID catalogId) {
        return catalogs.findById(catalogId).onItem().ifNull()
                .failWith(() -> GraphException.notFound("Catalog '" + catalogId + "' was not found."))
                .replaceWithVoid();
    }

    private static ExtensionBody required(ExtensionBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        return body;
    }

    private static String string(ObjectNode node) {
        return node == null ? null : node.toString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
