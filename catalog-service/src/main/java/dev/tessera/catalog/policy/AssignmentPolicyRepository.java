package dev.tessera.catalog.policy;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class AssignmentPolicyRepository implements PanacheRepositoryBase<AssignmentPolicy, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .string("description", "description")
            .uuid("accessPackage/id", "accessPackageId")
            .uuid("accessPackageId", "accessPackageId")
            .uuid("catalog/id", "catalogId")
            .enumeration("allowedTargetScope", "allowedTargetScope", AllowedTargetScope.class)
            .dateTime("createdDateTime", "createdAt")
            .dateTime("modifiedDateTime", "modifiedAt")
            .build();

    public Uni<List<AssignmentPolicy>> page(Optional<FilterExpr> filter, UUID afterId, int top) {
        Keyset keyset = Keyset.where(filter, FIELDS).after("id", afterId);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    public Uni<Long> count(Optional<FilterExpr> filter) {
        Keyset keyset = Keyset.where(filter, FIELDS);
        return count(keyset.where(), keyset.params());
    }

    public Uni<List<AssignmentPolicy>> ofPackages(List<UUID> accessPackageIds) {
        return accessPackageIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("accessPackageId in ?1 order by createdAt, id", accessPackageIds);
    }

    public Uni<Long> countOfPackage(UUID accessPackageId) {
        return count("accessPackageId", accessPackageId);
    }
}
