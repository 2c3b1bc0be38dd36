package dev.tessera.provisioning.group;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
@WithSession
public class GroupRepository implements PanacheRepositoryBase<DirectoryGroup, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .string("description", "description")
            .string("mailNickname", "mailNickname")
            .string("mail", "mail")
            .bool("mailEnabled", "mailEnabled")
            .bool("securityEnabled", "securityEnabled")
            .bool("isAssignableToRole", "assignableToRole")
            .string("visibility", "visibility")
            .string("membershipRule", "membershipRule")
            .string("membershipRuleProcessingState", "membershipRuleProcessingState")
            .build();

    /** Which of these ids are groups of the directory. */
    public Uni<Set<UUID>> existing(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return list("id in ?1", ids).map(groups -> groups.stream().map(g -> g.id).collect(Collectors.toSet()));
    }

    /**
     * One keyset page, ordered by id: top + 1 rows, so the caller knows whether there is more.
     * {@code memberOnly}, when not null, keeps only the groups that user is a member of.
     */
    public Uni<List<DirectoryGroup>> page(Optional<FilterExpr> filter, UUID memberOnly, UUID after, int top) {
        Keyset keyset = visible(filter, memberOnly).after("id", after);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    public Uni<Long> count(Optional<FilterExpr> filter, UUID memberOnly) {
        Keyset keyset = visible(filter, memberOnly);
        return count(keyset.where(), keyset.params());
    }

    private static Keyset visible(Optional<FilterExpr> filter, UUID memberOnly) {
        Keyset keyset = Keyset.where(filter, FIELDS);
        return memberOnly == null ? keyset : keyset.inSubquery("id", "select m.key.groupId from GroupMembership m "
                + "where m.key.relationship = '" + Relationship.MEMBER.value() + "' and m.key.memberId = ?",
                memberOnly);
    }
}
