package dev.tessera.pim.roleassignment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.pim.directory.Directory;
import dev.tessera.pim.roledefinition.RoleDefinition;
import dev.tessera.pim.roledefinition.RoleDefinitionJson;
import dev.tessera.pim.roledefinition.RoleDefinitionRepository;
import dev.tessera.pim.schedule.RoleSchedule;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.RemoteErrors;
import dev.tessera.platform.graph.query.ExpandItem;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Graph JSON of role assignments with {@code $select} and the two navigation properties Graph
 * expands: {@code principal} (the directory object, from provisioning-service; 503 when it cannot be
 * reached, null when it is gone) and {@code roleDefinition}.
 */
@ApplicationScoped
public class RoleAssignmentExpansions {

    @Inject
    GraphJson json;

    @Inject
    Directory directory;

    @Inject
    RoleDefinitionRepository roleDefinitions;

    @WithSession
    public Uni<List<ObjectNode>> shape(List<RoleSchedule> assignments, QueryOptions options) {
        List<ObjectNode> nodes = new ArrayList<>();
        for (RoleSchedule assignment : assignments) {
            nodes.add(GraphJson.select(json.tree(RoleAssignmentJson.of(assignment)), options.select()));
        }
        Optional<ExpandItem> principal = options.expands("principal");
        Optional<ExpandItem> role = options.expands("roleDefinition");
        Uni<Void> expanded = Uni.createFrom().voidItem();
        if (role.isPresent()) {
            expanded = expanded.chain(() -> expandRoles(assignments, nodes, role.get().nested()));
        }
        if (principal.isPresent()) {
            expanded = expanded.chain(() -> expandPrincipals(assignments, nodes, principal.get().nested()));
        }
        return expanded.replaceWith(nodes);
    }

    private Uni<Void> expandRoles(List<RoleSchedule> assignments, List<ObjectNode> nodes, QueryOptions nested) {
        Set<String> ids = assignments.stream().map(a -> a.roleDefinitionId).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return roleDefinitions.list("id in ?1", List.copyOf(ids)).invoke(roles -> {
            Map<String, RoleDefinition> byId = new HashMap<>();
            roles.forEach(r -> byId.put(r.id, r));
            for (int i = 0; i < assignments.size(); i++) {
                RoleDefinition definition = byId.get(assignments.get(i).roleDefinitionId);
                nodes.get(i).set("roleDefinition", definition == null ? json.mapper().nullNode()
                        : GraphJson.select(json.tree(RoleDefinitionJson.of(definition)), nested.select()));
            }
        }).replaceWithVoid();
    }

    /** One lookup per distinct principal, one after the other (a page holds at most $top of them). */
    private Uni<Void> expandPrincipals(List<RoleSchedule> assignments, List<ObjectNode> nodes, QueryOptions nested) {
        Set<UUID> ids = new LinkedHashSet<>();
        assignments.forEach(a -> ids.add(a.principalId));
        Map<UUID, Optional<ObjectNode>> found = new HashMap<>();
        Uni<Void> lookups = Uni.createFrom().voidItem();
        for (UUID id : ids) {
            lookups = lookups.chain(() -> directory.principal(id)
                    .onFailure().transform(e -> RemoteErrors.asGraphError(e, "directory", "principal '" + id + "'"))
                    .invoke(object -> found.put(id, object)).replaceWithVoid());
        }
        return lookups.invoke(() -> {
            for (int i = 0; i < assignments.size(); i++) {
                Optional<ObjectNode> object = found.get(assignments.get(i).principalId);
                nodes.get(i).set("principal", object.isEmpty() ? json.mapper().nullNode()
                        : GraphJson.select(object.get().deepCopy(), nested.select()));
            }
        });
    }

}
