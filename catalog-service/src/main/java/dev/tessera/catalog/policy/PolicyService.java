package dev.tessera.catalog.policy;

import dev.tessera.catalog.Expansions;
import dev.tessera.catalog.Listing;
import dev.tessera.catalog.accesspackage.AccessPackage;
import dev.tessera.catalog.accesspackage.AccessPackageJson;
import dev.tessera.catalog.accesspackage.AccessPackageRepository;
import dev.tessera.catalog.catalog.Catalog;
import dev.tessera.catalog.catalog.CatalogJson;
import dev.tessera.catalog.catalog.CatalogRepository;
import dev.tessera.catalog.extension.StageSettings;
import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphText;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.QueryOptions;
import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.CatalogObjectDeleted;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Assignment policies: validated by {@link PolicyRules}, stored part by part, replaced whole by PUT. */
@ApplicationScoped
public class PolicyService {

    @Inject
    Outbox outbox;

    @Inject
    AssignmentPolicyRepository policies;

    @Inject
    AccessPackageRepository packages;

    @Inject
    CatalogRepository catalogs;

    @Inject
    PolicyMapper mapper;

    @Inject
    PolicyOrganizations organizations;

    @Inject
    InstantSource clock;

    @Inject
    StageSettings stageSettings;

    @WithTransaction
    public Uni<PolicyJson> create(PolicyBody body) {
        Instant now = now();
        PolicySettings settings = PolicyRules.normalise(required(body), now);
        String name = requiredName(body);
        if (body.accessPackage() == null) {
            throw GraphException.invalidField("accessPackage.id", "Property 'accessPackage.id' is required.");
        }
        UUID packageId = Ids.parse(body.accessPackage().id(), "accessPackage.id");
        return organizations.check(settings).chain(() -> packages.findById(packageId))
                .onItem().ifNull().failWith(() -> GraphException.invalidField("accessPackage.id",
                        "Access package '" + packageId + "' was not found."))
                .chain(accessPackage -> stageSettings.check(accessPackage.catalogId,
                        body.customExtensionStageSettings()).chain(stages -> {
                    AssignmentPolicy policy = new AssignmentPolicy();
                    policy.id = UUID.randomUUID();
                    policy.accessPackageId = accessPackage.id;
                    policy.catalogId = accessPackage.catalogId;
                    policy.displayName = name;
                    policy.description = GraphText.description(body.description(), "description");
                    mapper.write(policy, settings);
                    mapper.writeStageSettings(policy, stages);
                    policy.createdAt = now;
                    policy.modifiedAt = now;
                    return policies.persist(policy);
                }))
                .map(policy -> mapper.toJson(policy, true));
    }

    @WithTransaction
    public Uni<PolicyJson> replace(String id, PolicyBody body) {
        Instant now = now();
        PolicySettings settings = PolicyRules.normalise(required(body), now);
        String name = requiredName(body);
        UUID givenPackage = body.accessPackage() == null || body.accessPackage().id() == null ? null
                : Ids.parse(body.accessPackage().id(), "accessPackage.id");
        return require(id).call(() -> organizations.check(settings)).call(policy ->
                body.customExtensionStageSettings() == null ? Uni.createFrom().voidItem()
                        // absent keeps the stage settings; an empty list removes them (as Graph documents)
                        : stageSettings.check(policy.catalogId, body.customExtensionStageSettings())
                                .invoke(stages -> mapper.writeStageSettings(policy, stages))).map(policy -> {
            if (givenPackage != null && !givenPackage.equals(policy.accessPackageId)) {
                throw GraphException.invalidField("accessPackage.id",
                        "A policy cannot move to another access package.");
            }
            policy.displayName = name;
            policy.description = GraphText.description(body.description(), "description");
            mapper.write(policy, settings);
            policy.modifiedAt = now;
            return mapper.toJson(policy, true);
        });
    }

    /**
     * Deletes the policy and, in the same transaction, tells request-service, which ends the requests
     * still open under it: the usage check before the delete cannot see a request accepted meanwhile.
     */
    @WithTransaction
    public Uni<Void> delete(String id) {
        return require(id).chain(policy -> Deletes.one(policies.delete("id", policy.id), () -> notFound(id))
                .chain(() -> outbox.publish(Topics.CATALOG_EVENTS, EventTypes.ASSIGNMENT_POLICY_DELETED,
                        policy.accessPackageId.toString(),
                        new CatalogObjectDeleted(policy.accessPackageId, policy.id, policy.displayName))));
    }

    /** {@code $expand=accessPackage,catalog,questions,customExtensionStageSettings}. */
    public Uni<PolicyJson> get(String id, QueryOptions options) {
        return require(id).chain(policy -> expand(List.of(policy), options)).map(list -> list.get(0));
    }

    /** @param readers when given, only the policies of catalogs these principals hold a role in */
    public Uni<Listing<PolicyJson>> list(QueryOptions options, Optional<List<UUID>> readers) {
        return Listing.of(options, filter -> policies.count(filter, readers),
                (filter, after, top) -> policies.page(filter, readers, after, top), p -> p.id.toString(),
                rows -> expand(rows, options));
    }

    /** The policies of these packages as Graph returns them, questions included when asked for. */
    public Uni<List<PolicyJson>> ofPackages(List<UUID> packageIds, boolean withQuestions) {
        return policies.ofPackages(packageIds)
                .map(rows -> rows.stream().map(p -> mapper.toJson(p, withQuestions)).toList());
    }

    /** Same, grouped by access package id. */
    public Uni<Map<UUID, List<PolicyJson>>> byPackage(List<UUID> packageIds, boolean withQuestions) {
        return policies.ofPackages(packageIds).map(rows -> rows.stream().collect(Collectors.groupingBy(
                p -> p.accessPackageId, Collectors.mapping(p -> mapper.toJson(p, withQuestions),
                        Collectors.toList()))));
    }

    private static GraphException notFound(String id) {
        return GraphException.notFound("Assignment policy '" + id + "' was not found.");
    }

    public Uni<AssignmentPolicy> require(String id) {
        UUID policyId = Ids.pathId(id, "an assignment policy");
        return policies.findById(policyId).onItem().ifNull()
                .failWith(() -> notFound(id));
    }

    private Uni<List<PolicyJson>> expand(List<AssignmentPolicy> rows, QueryOptions options) {
        Expansions.allow(options, "accessPackageAssignmentPolicy", "accessPackage", "catalog", "questions",
                "customExtensionStageSettings");
        boolean questions = options.expands("questions").isPresent();
        boolean stages = options.expands("customExtensionStageSettings").isPresent();
        List<PolicyJson> base = rows.stream().map(p -> mapper.toJson(p, questions, stages)).toList();
        Uni<List<PolicyJson>> withPackages = options.expands("accessPackage").isEmpty()
                ? Uni.createFrom().item(base)
                : packages.byIds(rows.stream().map(p -> p.accessPackageId).distinct().toList()).map(found -> {
                    Map<UUID, AccessPackage> byId = index(found, p -> p.id);
                    return zip(rows, base, (row, json) -> json.withAccessPackage(
                            byId.containsKey(row.accessPackageId) ? AccessPackageJson.of(byId.get(row.accessPackageId))
                                    : null));
                });
        if (options.expands("catalog").isEmpty()) {
            return withPackages;
        }
        return withPackages.chain(items -> catalogs.byIds(rows.stream().map(p -> p.catalogId).distinct().toList())
                .map(found -> {
                    Map<UUID, Catalog> byId = index(found, c -> c.id);
                    return zip(rows, items, (row, json) -> json.withCatalog(
                            byId.containsKey(row.catalogId) ? CatalogJson.of(byId.get(row.catalogId)) : null));
                }));
    }

    private static <T> Map<UUID, T> index(List<T> rows, Function<T, UUID> key) {
        return rows.stream().collect(Collectors.toMap(key, row -> row));
    }

    private static List<PolicyJson> zip(List<AssignmentPolicy> rows, List<PolicyJson> items,
            java.util.function.BiFunction<AssignmentPolicy, PolicyJson, PolicyJson> combine) {
        return java.util.stream.IntStream.range(0, rows.size())
                .mapToObj(i -> combine.apply(rows.get(i), items.get(i))).toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static PolicyBody required(PolicyBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        return body;
    }

    private static String requiredName(PolicyBody body) {
        if (body.displayName() == null || body.displayName().isBlank()) {
            throw GraphException.invalidField("displayName", "Property 'displayName' is required.");
        }
        GraphText.description(body.description(), "description");
        return GraphText.name(body.displayName().trim(), "displayName");
    }
}
