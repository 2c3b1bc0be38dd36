package dev.tessera.request.subject;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Graph's accessPackageSubject for someone requested by email who was not in the directory then:
 * an external user of a connected organization. {@code objectId} stays null until
 * provisioning-service has invited them as a guest and reported the object id. Directory users need
 * no row: their subject is their object id.
 */
@Entity
@Table(name = "access_package_subject")
public class Subject extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "object_id")
    public UUID objectId;

    public String email;

    @Column(name = "display_name")
    public String displayName;

    /** Graph's subjectType: {@code user}. */
    @Column(name = "subject_type")
    public String subjectType;

    @Column(name = "connected_organization_id")
    public UUID connectedOrganizationId;

    @Column(name = "connected_organization_name")
    public String connectedOrganizationName;

    /**
     * The token {@code oid} of the external person who asked for themselves (a userAdd by email); null
     * when only administrators named this email. They see the subject's requests and assignments by it,
     * also after {@link #objectId} is the guest's.
     */
    @Column(name = "requestor_object_id")
    public UUID requestorObjectId;

    @Column(name = "created_at")
    public Instant createdAt;
}
