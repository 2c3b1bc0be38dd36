package dev.tessera.request.bulk;

import dev.tessera.platform.em.PolicyEvaluator;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.request.directory.DirectoryService;
import dev.tessera.request.policy.TargetScope;
import dev.tessera.request.subject.GuestOrganizations;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The members of a bulk job the policy's scope does not admit, each with the refusal a single adminAdd
 * would give them (see {@link TargetScope}). {@code notSpecified} and {@code allDirectoryUsers} admit
 * every member without a read; {@code specificDirectoryUsers} reads the member lists of the groups the
 * policy names (one paged read per group); the scopes that depend on the user's type or connected
 * organization read each member from the directory.
 */
@ApplicationScoped
class BulkScope {

    @Inject
    GroupMembers groups;

    @Inject
    DirectoryService directory;

    @Inject
    GuestOrganizations guestOrganizations;

    Uni<Map<UUID, String>> outOfScope(PolicyView policy, Set<UUID> users) {
        return switch (policy.allowedTargetScope()) {
            case "notspecified", "alldirectoryusers" -> Uni.createFrom().item(Map.of());
            case "specificdirectoryusers" -> groupsOfMembers(policy, users).map(memberships -> {
                Map<UUID, String> refused = new LinkedHashMap<>();
                for (UUID user : users) {
                    TargetScope.refusal(policy, user, null, memberships.getOrDefault(user, Set.of()), Set.of())
                            .ifPresent(reason -> refused.put(user, reason));
                }
                return refused;
            });
            default -> Multi.createFrom().iterable(users)
                    .onItem().transformToUniAndConcatenate(user -> directory.user(user).chain(found -> {
                        if (found.isEmpty()) {
                            return Uni.createFrom().item(Map.entry(user, "User '" + user
                                    + "' was not found in the directory."));
                        }
                        return guestOrganizations.of(policy, found.get()).map(organizations -> TargetScope
                                .refusal(policy, user, found.get().path("userType").asText(null), Set.of(), organizations)
                                .map(reason -> Map.entry(user, reason)).orElse(null));
                    }))
                    .collect().asList()
                    .map(entries -> {
                        Map<UUID, String> refused = new LinkedHashMap<>();
                        entries.stream().filter(e -> e != null).forEach(e -> refused.put(e.getKey(), e.getValue()));
                        return refused;
                    });
        };
    }

    /** For each member, the ids (lower case) of the policy's groupMembers groups they belong to. */
    private Uni<Map<UUID, Set<String>>> groupsOfMembers(PolicyView policy, Set<UUID> users) {
        Map<UUID, Set<String>> memberships = new HashMap<>();
        if (!PolicyEvaluator.needsGroupMemberships(policy)) {
            return Uni.createFrom().item(memberships);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var target : policy.specificAllowedTargets()) {
            if (!PolicyView.subjectType(target).equals("groupmembers")) {
                continue;
            }
            String groupId = target.path("groupId").asText().toLowerCase(Locale.ROOT);
            UUID id;
            try {
                id = UUID.fromString(groupId);
            } catch (IllegalArgumentException e) {
                continue;
            }
            chain = chain.chain(() -> groups.users(id).invoke(members -> members.orElse(Set.of()).stream()
                    .filter(users::contains)
                    .forEach(m -> memberships.computeIfAbsent(m, k -> new HashSet<>()).add(groupId))).replaceWithVoid());
        }
        return chain.replaceWith(memberships);
    }
}
