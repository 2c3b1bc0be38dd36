package dev.tessera.catalog.resource;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.Keyset;
import dev.tessera.platform.graph.query.Page;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a catalog's resources and resource roles, with the expansions the Graph docs use. */
@ApplicationScoped
public class CatalogResourceService {

    static final FieldMap RESOURCE_FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .string("originId", "originId")
            .string("originSystem", "originSystem")
            .build();

    static final FieldMap ROLE_FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .string("originId", "originId")
            .string("originSystem", "originSystem")
            .uuid("resource/id", "resourceId")
            .build();

    @WithSession
    public Uni<Page<ResourceJson.Resource>> resources(UUID catalogId, QueryOptions options) {
        Keyset keyset = Keyset.where(options.filter(), RESOURCE_FIELDS).eq("catalogId", catalogId)
                .after("id", options.afterId());
        boolean roles = options.expands("roles").isPresent();
        boolean scopes = options.expands("scopes").isPresent();
        return CatalogResource.<CatalogResource>find(keyset.query("id"), keyset.params()).page(0, options.top() + 1)
                .list()
                .map(rows -> Page.of(rows, options.top(), r -> r.id.toString()))
                .chain(page -> {
                    List<UUID> ids = page.items().stream().map(r -> r.id).toList();
                    Uni<Map<UUID, List<ResourceRole>>> roleMap = roles && !ids.isEmpty()
                            ? ResourceRole.<ResourceRole>list("resourceId in ?1 order by displayName", ids)
                                    .map(list -> list.stream().collect(Collectors.groupingBy(r -> r.resourceId)))
                            : Uni.createFrom().item(Map.of());
                    Uni<Map<UUID, List<ResourceScope>>> scopeMap = scopes && !ids.isEmpty()
                            ? ResourceScope.<ResourceScope>list("resourceId in ?1", ids)
                                    .map(list -> list.stream().collect(Collectors.groupingBy(s -> s.resourceId)))
                            : Uni.createFrom().item(Map.of());
                    return roleMap.chain(r -> scopeMap.map(s -> page.map(resource -> ResourceJson.Resource.of(resource,
                            roles ? map(r.getOrDefault(resource.id, List.of()), role -> ResourceJson.Role.of(role, null)) : null,
                            scopes ? map(s.getOrDefault(resource.id, List.of()), sc -> ResourceJson.Scope.of(sc, null)) : null))));
                });
    }

    @WithSession
    public Uni<Page<ResourceJson.Role>> roles(UUID catalogId, QueryOptions options) {
        Keyset keyset = Keyset.where(options.filter(), ROLE_FIELDS).eq("catalogId", catalogId)
                .after("id", options.afterId());
        boolean expandResource = options.expands("resource").isPresent();
        return ResourceRole.<ResourceRole>find(keyset.query("id"), keyset.params()).page(0, options.top() + 1).list()
                .map(rows -> Page.of(rows, options.top(), r -> r.id.toString()))
                .chain(page -> {
                    List<UUID> resourceIds = page.items().stream().map(r -> r.resourceId).distinct().toList();
                    Uni<Map<UUID, CatalogResource>> resources = expandResource && !resourceIds.isEmpty()
                            ? CatalogResource.<CatalogResource>list("id in ?1", resourceIds)
                                    .map(list -> list.stream().collect(Collectors.toMap(r -> r.id, r -> r)))
                            : Uni.createFrom().item(Map.of());
                    return resources.map(found -> page.map(role -> ResourceJson.Role.of(role,
                            expandResource && found.containsKey(role.resourceId)
                                    ? ResourceJson.Resource.of(found.get(role.resourceId), null, null) : null)));
                });
    }

    private static <T, R> List<R> map(List<T> items, Function<T, R> mapper) {
        List<R> out = new ArrayList<>(items.size());
        items.forEach(item -> out.add(mapper.apply(item)));
        return out;
    }
}
