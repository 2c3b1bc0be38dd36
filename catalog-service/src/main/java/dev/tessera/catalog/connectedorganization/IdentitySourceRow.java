package dev.tessera.catalog.connectedorganization;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * One identity source of a connected organization, stored flat so that a domain and a tenant id can
 * each carry a unique index; {@link IdentitySources} maps it to and from the Graph subtypes.
 */
@Entity
@Table(name = "connected_organization_identity_source")
public class IdentitySourceRow {

    @Id
    public UUID id;

    @Column(name = "connected_organization_id")
    public UUID organizationId;

    public int position;

    /** The Graph type name without namespace, e.g. {@code domainIdentitySource}. */
    @Column(name = "source_type")
    public String sourceType;

    @Column(name = "display_name")
    public String displayName;

    /** Lower-case DNS name. */
    @Column(name = "domain_name")
    public String domainName;

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "issuer_uri")
    public String issuerUri;

    @Column(name = "cloud_instance")
    public String cloudInstance;
}
