package dev.tessera.request.automatic;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user as the directory events have described them so far (last value of each attribute). */
@Entity
@Table(name = "directory_user")
public class KnownUser extends PanacheEntityBase {

    @Id
    @Column(name = "object_id")
    public UUID objectId;

    /** JSON object of attributes. */
    public String attributes;

    public boolean deleted;

    /** The last reported {@code displayName}, {@code userPrincipalName} and {@code mail}, as columns (see V12). */
    @Column(name = "display_name")
    public String displayName;

    @Column(name = "principal_name")
    public String principalName;

    public String mail;

    /**
     * The view has read the user's {@code userCreated} event, so it holds every later change too
     * (attributes, manager, memberships): it can answer for the user without asking the directory.
     */
    @Column(name = "from_creation")
    public boolean fromCreation;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
