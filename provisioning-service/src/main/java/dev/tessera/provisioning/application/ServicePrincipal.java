package dev.tessera.provisioning.application;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An application of the directory; its app roles are {@link AppRole} rows. */
@Entity
@Table(name = "service_principal")
public class ServicePrincipal extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Lower-case GUID text. */
    @Column(name = "app_id")
    public String appId;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Column(name = "account_enabled")
    public boolean accountEnabled;

    @Column(name = "created_date_time")
    public Instant createdDateTime;
}
