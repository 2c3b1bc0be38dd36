package dev.tessera.request.external;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What the external-user lifecycle did to one user (see V15): blocked, or deleted. */
@Entity
@Table(name = "external_user_lifecycle")
public class ExternalUserState extends PanacheEntityBase {

    public static final String BLOCKED = "blocked";
    public static final String DELETED = "deleted";

    @Id
    @Column(name = "object_id")
    public UUID objectId;

    public String state;

    /** The setting that blocked them: {@code blockSignIn} or {@code blockSignInAndDelete}. */
    public String action;

    @Column(name = "blocked_at")
    public Instant blockedAt;

    @Column(name = "delete_at")
    public Instant deleteAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
