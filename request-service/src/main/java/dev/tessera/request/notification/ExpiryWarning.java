package dev.tessera.request.notification;

import dev.tessera.platform.mail.Mails;
import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.platform.messaging.timer.TimerHandler;
import dev.tessera.request.assignment.Assignment;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The warning one day before an assignment ends, by a durable timer scheduled and cancelled with the
 * assignment's expiry (AssignmentExpiry): a stopped service sends it when it is back. The timer carries the end it
 * warns of, so an end moved meanwhile (an approved update) or an assignment removed sends nothing. An assignment
 * that ends within a day of its grant gets no warning; nor does one granted in bulk (not yet).
 */
@ApplicationScoped
public class ExpiryWarning implements TimerHandler {

    public static final String KIND = "mail.assignmentExpiresSoon";

    static final Duration BEFORE = Duration.ofDays(1);

    @Inject
    DurableTimers timers;

    @Inject
    InstantSource clock;

    @Inject
    Mails mails;

    @Inject
    RequestMails requestMails;

    /** Inside the grant's (or the moved end's) transaction. */
    public Uni<Void> schedule(Assignment assignment) {
        if (!mails.enabled() || assignment.endAt == null || assignment.targetObjectId == null) {
            return Uni.createFrom().voidItem();
        }
        Instant due = assignment.endAt.minus(BEFORE);
        if (due.isBefore(clock.instant())) {
            return Uni.createFrom().voidItem();
        }
        return timers.schedule(KIND, assignment.id.toString(), due, end(assignment));
    }

    /** Inside a removal's transaction. */
    public Uni<Void> cancel(UUID assignmentId) {
        return timers.cancel(KIND, assignmentId.toString()).replaceWithVoid();
    }

    /** The end as PostgreSQL keeps it (microseconds), so the one granted and the one read back compare equal. */
    private static String end(Assignment assignment) {
        return assignment.endAt.truncatedTo(ChronoUnit.MICROS).toString();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Void> fire(DueTimer timer) {
        return Assignment.<Assignment>findById(UUID.fromString(timer.key())).chain(assignment -> {
            if (assignment == null || !assignment.isLive() || assignment.endAt == null
                    || !end(assignment).equals(timer.payload())) {
                return Uni.createFrom().voidItem();
            }
            return requestMails.expiresSoon(assignment);
        });
    }
}
