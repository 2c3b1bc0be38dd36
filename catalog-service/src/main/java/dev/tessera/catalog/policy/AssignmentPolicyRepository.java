package dev.tessera.catalog.policy;

import dev.tessera.catalog.role.CatalogAccess;
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

    /** One keyset page; {@code readers}, when given, limits it to the catalogs they hold a role in. */
    public Uni<List<AssignmentPolicy>> page(Optional<FilterExpr> filter, Optional<List<UUID>> readers, UUID afterId, int top) {
        Keyset keyset = CatalogAccess.restrict(Keyset.where(filter, FIELDS), "catalogId", readers).after("id", afterId);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    public Uni<Long> count(Optional<FilterExpr> filter, Optional<List<UUID>> readers) {
        Keyset keyset = CatalogAccess.restrict(Keyset.where(filter, FIELDS), "catalogId", readers);
        return count(keyset.where(), keyset.params());
    }

    public Uni<List<AssignmentPolicy>> ofPackages(List<UUID> accessPackageIds) {
        return accessPackageIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("accessPackageId in ?1 order by createdAt, id", accessPackageIds);
    }

    /**
     * The policies a requestor could ask under for themselves, before their scope is judged: those of
     * packages not hidden from requestors, and never {@code notSpecified} (nobody may ask for themselves).
     */
    public Uni<List<AssignmentPolicy>> ofVisiblePackages() {
        return list("allowedTargetScope <> ?1 and accessPackageId in "
                + "(select a.id from AccessPackage a where a.hidden = false)", AllowedTargetScope.notSpecified);
    }

    public Uni<Long> countOfPackage(UUID accessPackageId) {
        return count("accessPackageId", accessPackageId);
    }

    /**
     * Policies with a connectedOrganizationMembers subject set for this organization anywhere: in
     * specificAllowedTargets, onBehalfRequestors, any approval stage's approvers or the reviewers.
     * The subject sets live in JSON text columns, searched with a JSON path; oldest policies first.
     */
    public Uni<List<AssignmentPolicy>> referencingConnectedOrganization(UUID organizationId, int limit) {
        return getSession().chain(session -> session.createNativeQuery(REFERENCING_ORGANIZATION, AssignmentPolicy.class)
                .setParameter("organizationId", organizationId.toString())
                .setMaxResults(limit)
                .getResultList());
    }

    private static final String REFERENCING_ORGANIZATION = """
            select p.* from assignment_policy p
            where exists (
                select 1 from jsonb_path_query(jsonb_build_array(
                        cast(p.specific_allowed_targets as jsonb),
                        cast(coalesce(p.requestor_settings, 'null') as jsonb),
                        cast(coalesce(p.request_approval_settings, 'null') as jsonb),
                        cast(coalesce(p.review_settings, 'null') as jsonb)), 'lax $.**') as found(item)
                where found.item ->> '@odata.type' = '#microsoft.graph.connectedOrganizationMembers'
                  and found.item ->> 'connectedOrganizationId' = :organizationId)
            order by p.created_at, p.id
            """;
}
