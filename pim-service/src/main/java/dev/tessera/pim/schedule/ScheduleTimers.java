package dev.tessera.pim.schedule;

import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.TimerHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** A schedule's start (Granted → Provisioned) and end (an activation or time-bound assignment expires). */
final class ScheduleTimers {

    private ScheduleTimers() {
    }

    @ApplicationScoped
    static class Start implements TimerHandler {

        @Inject
        ScheduleService schedules;

        @Override
        public String kind() {
            return ScheduleService.START_TIMER;
        }

        @Override
        public Uni<Void> fire(DueTimer timer) {
            return schedules.started(UUID.fromString(timer.key()));
        }
    }

    @ApplicationScoped
    static class End implements TimerHandler {

        @Inject
        ScheduleService schedules;

        @Override
        public String kind() {
            return ScheduleService.END_TIMER;
        }

        @Override
        public Uni<Void> fire(DueTimer timer) {
            return schedules.expired(UUID.fromString(timer.key()));
        }
    }
}
