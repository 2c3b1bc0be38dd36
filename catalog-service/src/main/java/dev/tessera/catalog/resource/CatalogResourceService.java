package dev.tessera.catalog.resource;

import dev.tessera.catalog.Expansions;
import dev.tessera.catalog.Listing;
import dev.tessera.catalog.catalog.CatalogService;
import dev.tessera.platform.graph.query.Page;
import dev.tessera.platform.graph.query.QueryOptions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a catalog's resources and resource roles, with the expansions the Graph docs use. */
@ApplicationScoped
public class CatalogResourceService {

    @Inject
    CatalogService catalogs;

    @Inject
    CatalogResourceRepository resources;

    @Inject
    ResourceRoleRepository roles;

    @Inject
    ResourceScopeRepository scopes;

    /** {@code /catalogs/{id}/resources}, {@code $expand=roles,scopes}. */
    public Uni<Listing<ResourceJson.Resource>> resources(String catalogId, QueryOptions options) {
        Expansions.allow(options, "accessPackageResource", "roles", "scopes");
        UUID after = options.afterId();
        boolean withRoles = options.expands("roles").isPresent();
        boolean withScopes = options.expands("scopes").isPresent();
        return catalogs.require(catalogId).chain(catalog -> count(options, after,
                () -> resources.count(catalog.id, options.filter()))
                .chain(total -> resources.page(catalog.id, options.filter(), after, options.top())
                        .map(rows -> Page.of(rows, options.top(), r -> r.id.toString()))
                        .chain(page -> {
                            List<UUID> ids = page.items().stream().map(r -> r.id).toList();
                            Uni<Map<UUID, List<ResourceRole>>> roleMap = withRoles
                                    ? roles.ofResources(ids).map(list -> groupBy(list, r -> r.resourceId))
                                    : Uni.createFrom().item(Map.of());
                            return roleMap.chain(roleRows -> (withScopes
                                    ? scopes.ofResources(ids).map(list -> groupBy(list, s -> s.resourceId))
                                    : Uni.createFrom().item(Map.<UUID, List<ResourceScope>>of()))
                                    .map(scopeRows -> Listing.of(page.map(resource -> ResourceJson.Resource.of(
                                            resource,
                                            withRoles ? roleRows.getOrDefault(resource.id, List.of()).stream()
                                                    .map(ResourceJson.Role::of).toList() : null,
                                            withScopes ? scopeRows.getOrDefault(resource.id, List.of()).stream()
                                                    .map(ResourceJson.Scope::of).toList() : null)), total)));
                        })));
    }

    /** {@code /catalogs/{id}/resourceRoles}, {@code $expand=resource}. */
    public Uni<Listing<ResourceJson.Role>> roles(String catalogId, QueryOptions options) {
        Expansions.allow(options, "accessPackageResourceRole", "resource");
        UUID after = options.afterId();
        boolean withResource = options.expands("resource").isPresent();
        return catalogs.require(catalogId).chain(catalog -> count(options, after,
                () -> roles.count(catalog.id, options.filter()))
                .chain(total -> roles.page(catalog.id, options.filter(), after, options.top())
                        .map(rows -> Page.of(rows, options.top(), r -> r.id.toString()))
                        .chain(page -> (withResource
                                ? resources.byIds(page.items().stream().map(r -> r.resourceId).distinct().toList())
                                        .map(list -> list.stream().collect(Collectors.toMap(r -> r.id, r -> r)))
                                : Uni.createFrom().item(Map.<UUID, CatalogResource>of()))
                                .map(found -> Listing.of(page.map(role -> ResourceJson.Role.of(role,
                                        found.containsKey(role.resourceId)
                                                ? ResourceJson.Resource.of(found.get(role.resourceId)) : null)),
                                        total)))));
    }

    private static Uni<Long> count(QueryOptions options, UUID after, java.util.function.Supplier<Uni<Long>> query) {
        return options.count() && after == null ? query.get() : Uni.createFrom().nullItem();
    }

    private static <T> Map<UUID, List<T>> groupBy(List<T> rows, Function<T, UUID> key) {
        return rows.stream().collect(Collectors.groupingBy(key));
    }
}
