package dev.tessera.provisioning.adminunit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "administrative_unit")
public class AdministrativeUnit extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    /** Null (public), {@code Public} or {@code HiddenMembership}. */
    public String visibility;

    @Column(name = "created_date_time")
    public Instant createdDateTime;
}
