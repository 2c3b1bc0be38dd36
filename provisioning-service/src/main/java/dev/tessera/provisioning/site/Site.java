package dev.tessera.provisioning.site;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A SharePoint-style site; its roles are {@link SiteRole} rows. */
@Entity
@Table(name = "site")
public class Site extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "display_name")
    public String displayName;

    /** The last path segment of the webUrl (the host for a root site). */
    public String name;

    /** Absolute https URL without a trailing slash. */
    @Column(name = "web_url")
    public String webUrl;

    public String description;

    @Column(name = "created_date_time")
    public Instant createdDateTime;
}
