package dev.tessera.request.approval;

import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.TimerHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** The two approval deadlines of a stage: automatic denial and escalation. */
final class ApprovalTimers {

    private ApprovalTimers() {
    }

    @ApplicationScoped
    static class Timeout implements TimerHandler {

        @Inject
        ApprovalService approvals;

        @Override
        public String kind() {
            return ApprovalService.TIMEOUT;
        }

        @Override
        public Uni<Void> fire(DueTimer timer) {
            return approvals.timedOut(UUID.fromString(timer.key()));
        }
    }

    @ApplicationScoped
    static class Escalation implements TimerHandler {

        @Inject
        ApprovalService approvals;

        @Override
        public String kind() {
            return ApprovalService.ESCALATION;
        }

        @Override
        public Uni<Void> fire(DueTimer timer) {
            return approvals.escalated(UUID.fromString(timer.key()));
        }
    }
}
