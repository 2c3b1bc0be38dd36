package dev.tessera.platform.messaging.timer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code durable_timer} (db/messaging/V0_2). */
@Entity
@Table(name = "durable_timer")
public class TimerRow extends PanacheEntityBase {

    @Id
    public UUID id;

    public String kind;

    @Column(name = "timer_key")
    public String key;

    @Column(name = "due_at")
    public Instant dueAt;

    public String payload;

    public int attempts;

    @Column(name = "retry_at")
    public Instant retryAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "parked_at")
    public Instant parkedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    DueTimer due() {
        return new DueTimer(kind, key, dueAt, payload, attempts);
    }
}
