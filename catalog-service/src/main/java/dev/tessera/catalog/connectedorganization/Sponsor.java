package dev.tessera.catalog.connectedorganization;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A user who sponsors a connected organization, as an internal or an external sponsor. */
@Entity
@Table(name = "connected_organization_sponsor")
public class Sponsor {

    @EmbeddedId
    public Key key;

    @Column(name = "created_at")
    public Instant createdAt;

    /** {@code sponsorType} is a {@link SponsorType} name. */
    @Embeddable
    public record Key(@Column(name = "connected_organization_id") UUID organizationId,
            @Column(name = "sponsor_type") String sponsorType, @Column(name = "user_id") UUID userId)
            implements Serializable {
    }
}
