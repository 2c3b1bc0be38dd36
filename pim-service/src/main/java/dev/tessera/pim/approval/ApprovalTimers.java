package dev.tessera.pim.approval;

import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.TimerHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** The approval stage's timeout: a request nobody decided in time is TimedOut. */
@ApplicationScoped
class ApprovalTimers implements TimerHandler {

    @Inject
    ApprovalService approvals;

    @Override
    public String kind() {
        return ApprovalService.TIMEOUT_TIMER;
    }

    @Override
    public Uni<Void> fire(DueTimer timer) {
        return approvals.timedOut(UUID.fromString(timer.key()));
    }
}
