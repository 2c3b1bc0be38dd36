package dev.tessera.pim.roledefinition;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
@WithSession
public class RoleDefinitionRepository implements PanacheRepositoryBase<RoleDefinition, String> {

    static final FieldMap FIELDS = FieldMap.builder()
            .string("id", "id")
            .string("templateId", "templateId")
            .string("displayName", "displayName")
            .bool("isBuiltIn", "builtIn")
            .bool("isEnabled", "enabled")
            .bool("isPrivileged", "privileged")
            .build();

    public Uni<List<RoleDefinition>> page(Optional<FilterExpr> filter, String afterId, int top) {
        Keyset keyset = Keyset.where(filter, FIELDS).after("id", afterId);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }
}
