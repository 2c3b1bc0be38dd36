package dev.tessera.catalog.connectedorganization;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A connectedOrganization: a partner organization whose users may request access. Its identity
 * sources ({@link IdentitySourceRow}) and sponsors ({@link Sponsor}) are rows of their own.
 */
@Entity
@Table(name = "connected_organization")
public class ConnectedOrganization {

    @Id
    public UUID id;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Enumerated(EnumType.STRING)
    public ConnectedOrganizationState state;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;
}
