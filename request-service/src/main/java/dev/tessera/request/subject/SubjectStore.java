package dev.tessera.request.subject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Subjects by email: one row per email, created by the first request that names it. */
@ApplicationScoped
public class SubjectStore {

    @Inject
    InstantSource clock;

    @WithSession
    public Uni<Optional<Subject>> byEmail(String email) {
        return Subject.<Subject>find("lower(email) = ?1", email.toLowerCase(Locale.ROOT)).firstResult()
                .map(Optional::ofNullable);
    }

    /** The connected organization a directory user came from, when they were invited as an external subject. */
    @WithSession
    public Uni<Optional<UUID>> organizationOf(UUID objectId) {
        return Subject.<Subject>find("objectId = ?1 and connectedOrganizationId is not null", objectId).firstResult()
                .map(s -> Optional.ofNullable(s).map(found -> found.connectedOrganizationId));
    }

    /** The subjects an external requestor (by their token's oid) asked for themselves as. */
    @WithSession
    public Uni<List<UUID>> idsOfRequestor(UUID requestorObjectId) {
        return Subject.<Subject>list("requestorObjectId = ?1", requestorObjectId)
                .map(found -> found.stream().map(s -> s.id).toList());
    }

    /**
     * The subject of this email, created if there is none; inside the caller's transaction. Concurrent
     * requests for a new email both end up with the one row (the insert skips an existing email). An
     * external requestor's oid, and a known directory user's object id, fill what the row has not yet.
     */
    public Uni<Subject> ensure(ExternalTarget target) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into access_package_subject (id, object_id, email, display_name, subject_type,
                    connected_organization_id, connected_organization_name, requestor_object_id, created_at)
                values (?1, ?2, ?3, ?4, 'user', ?5, ?6, ?7, ?8)
                on conflict (lower(email)) do update
                    set requestor_object_id = coalesce(access_package_subject.requestor_object_id,
                            excluded.requestor_object_id),
                        object_id = coalesce(access_package_subject.object_id, excluded.object_id)""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, target.objectId())
                .setParameter(3, target.email())
                .setParameter(4, target.displayName())
                .setParameter(5, target.organization().map(ConnectedOrganization::id).orElse(null))
                .setParameter(6, target.organization().map(ConnectedOrganization::displayName).orElse(null))
                .setParameter(7, target.requestorObjectId())
                .setParameter(8, clock.instant())
                .executeUpdate())
                .chain(() -> Subject.<Subject>find("lower(email) = ?1", target.email().toLowerCase(Locale.ROOT))
                        .<Subject>firstResult())
                // the row may be in the session from an earlier read: see what the statement wrote
                .call(subject -> Panache.getSession().chain(session -> session.refresh(subject)));
    }
}
