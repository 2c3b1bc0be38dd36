package dev.tessera.catalog.extension;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A catalog's customWorkflowExtension; the Graph configuration parts are JSON text columns. */
@Entity
@Table(name = "custom_workflow_extension")
public class CustomWorkflowExtension {

    @Id
    public UUID id;

    @Column(name = "catalog_id")
    public UUID catalogId;

    /** {@link ExtensionType} name: which stages it may be bound to. */
    @Column(name = "odata_type")
    public String odataType;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Column(name = "endpoint_configuration")
    public String endpointConfiguration;

    @Column(name = "authentication_configuration")
    public String authenticationConfiguration;

    @Column(name = "client_configuration")
    public String clientConfiguration;

    @Column(name = "callback_configuration")
    public String callbackConfiguration;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;
}
