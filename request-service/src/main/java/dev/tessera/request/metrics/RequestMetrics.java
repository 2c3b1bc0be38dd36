package dev.tessera.request.metrics;

import dev.tessera.platform.messaging.VertxTicker;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.RequestState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The business meters an operator watches (docs/operations.md): requests by type and final state,
 * how long a grant takes from request to delivered, and how many requests wait for approval.
 */
@ApplicationScoped
public class RequestMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    private final AtomicLong pendingApprovals = new AtomicLong();

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("tessera.approvals.pending", pendingApprovals, AtomicLong::get)
                .description("Assignment requests waiting for an approval decision").register(registry);
        VertxTicker.every(vertx, Duration.ofSeconds(5), this::refresh);
    }

    Uni<Void> refresh() {
        return Panache.withSession(() -> AssignmentRequest.count("state", RequestState.pendingApproval))
                .invoke(pendingApprovals::set).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    public void submitted(AssignmentRequest request) {
        Counter.builder("tessera.requests.submitted").description("Assignment requests accepted")
                .tag("type", request.requestType.name()).register(registry).increment();
    }

    /** A request reached a final state; grants that were delivered also record their latency. */
    public void completed(AssignmentRequest request) {
        Counter.builder("tessera.requests.completed").description("Assignment requests by final state")
                .tag("type", request.requestType.name()).tag("state", request.state.name())
                .register(registry).increment();
        if (request.completedAt != null && request.createdAt != null && !request.requestType.isRemoval()
                && request.state == RequestState.delivered) {
            Timer.builder("tessera.requests.delivery.latency")
                    .description("From an add request's submission to its delivery (approval time included)")
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                    .maximumExpectedValue(Duration.ofDays(14)).register(registry)
                    .record(Duration.between(request.createdAt, request.completedAt));
        }
    }
}
