package dev.tessera.request.extension;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One call to a custom extension: Graph's customExtensionCalloutInstance of a request. */
@Entity
@Table(name = "custom_extension_callout")
public class CustomExtensionCallout extends PanacheEntityBase {

    /** Graph customExtensionCalloutInstanceStatus values. */
    public static final String SENT = "calloutSent";
    public static final String CALLBACK_RECEIVED = "callbackReceived";
    public static final String FAILED = "calloutFailed";
    public static final String TIMED_OUT = "callbackTimedOut";
    public static final String WAITING = "waitingForCallback";

    /** The customExtensionStageInstanceId the receiver names when it resumes the request. */
    @Id
    public UUID id;

    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "custom_extension_id")
    public UUID customExtensionId;

    public String stage;

    /** Launch and wait: the request waits for {@code resume}. */
    public boolean waits;

    /** Null until the first send is answered. */
    public String status;

    @Column(name = "external_correlation_id")
    public String externalCorrelationId;

    public String detail;

    public int attempts;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;
}
