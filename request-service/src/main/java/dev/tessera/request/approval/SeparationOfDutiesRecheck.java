package dev.tessera.request.approval;

import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.catalog.RequestContext;
import dev.tessera.request.directory.DirectoryService;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.AssignmentRequestStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Separation of duties, checked again when the last approval stage approves an add: while the
 * request waited, its target may have gained an access package or a group membership that the
 * requested package is incompatible with (as recorded when the request was submitted). Answers the
 * conflict as a sentence, or nothing.
 */
@ApplicationScoped
public class SeparationOfDutiesRecheck {

    @Inject
    AssignmentRequestStore store;

    @Inject
    DirectoryService directory;

    public Uni<Optional<String>> conflict(AssignmentRequest request, AssignmentRequestStore.GrantContext context) {
        RequestContext.Incompatible incompatible = context.incompatibleOrNone();
        String name = context.accessPackageName();
        String who = request.targetObjectId != null ? "User '" + request.targetObjectId + "'"
                : "'" + request.targetSubject.email + "'";
        List<UUID> packageIds = incompatible.accessPackages().stream().map(p -> UUID.fromString(p.id())).toList();
        Uni<Optional<Assignment>> held = request.targetObjectId != null
                ? store.liveAssignmentIn(request.targetObjectId, packageIds)
                : request.targetSubject != null ? store.liveAssignmentOfSubject(request.targetSubject.id, packageIds)
                : Uni.createFrom().item(Optional.empty());
        return held.chain(assignment -> {
            if (assignment.isPresent()) {
                Assignment a = assignment.get();
                String other = incompatible.accessPackages().stream()
                        .filter(p -> p.id().equalsIgnoreCase(a.accessPackageId.toString()))
                        .map(RequestContext.Named::displayName).findFirst().orElse(a.accessPackageId.toString());
                return Uni.createFrom().item(Optional.of(who + " has meanwhile been given access package '" + other
                        + "' (assignment " + a.id + "), which is incompatible with access package '" + name + "'."));
            }
            if (incompatible.groups().isEmpty() || request.targetObjectId == null) {
                return Uni.createFrom().item(Optional.<String>empty());
            }
            return directory.groupIds(request.targetObjectId).map(groupIds -> group(incompatible, groupIds)
                    .map(g -> who + " has meanwhile become a member of group '"
                            + (g.displayName() != null ? g.displayName() : g.id()) + "' (" + g.id()
                            + "), which is incompatible with access package '" + name + "'."));
        });
    }

    private static Optional<RequestContext.Named> group(RequestContext.Incompatible incompatible, Set<String> groupIds) {
        return incompatible.groups().stream()
                .filter(g -> groupIds.contains(g.id().toLowerCase(Locale.ROOT))).findFirst();
    }
}
