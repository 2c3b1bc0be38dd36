package dev.tessera.request.subject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
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

    /**
     * The subject of this email, created if there is none; inside the caller's transaction. Concurrent
     * requests for a new email both end up with the one row (the insert skips an existing email).
     */
    public Uni<Subject> ensure(ExternalTarget target) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into access_package_subject (id, object_id, email, display_name, subject_type,
                    connected_organization_id, connected_organization_name, created_at)
                values (?1, null, ?2, ?3, 'user', ?4, ?5, ?6)
                on conflict (lower(email)) do nothing""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, target.email())
                .setParameter(3, target.displayName())
                .setParameter(4, target.organization().map(ConnectedOrganization::id).orElse(null))
                .setParameter(5, target.organization().map(ConnectedOrganization::displayName).orElse(null))
                .setParameter(6, clock.instant())
                .executeUpdate())
                .chain(() -> Subject.<Subject>find("lower(email) = ?1", target.email().toLowerCase(Locale.ROOT))
                        .firstResult());
    }
}
