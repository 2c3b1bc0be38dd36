package dev.tessera.platform.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.common.Unavailability;
import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.TimerHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends a queued mail when its timer fires. SMTP being down or unreachable (a refused, reset or timed-out
 * connection) fails the firing as an outage: the timer is held and tried again, never parked, so nothing is lost
 * however long the server is away; a server that refuses the message itself (a 5xx) fails it as an ordinary
 * error, retried with backoff and parked after {@code tessera.timers.max-attempts}. Every failure is a log line
 * and a {@code tessera.mail.sent{result=failed}}; every sent mail a {@code result=sent}.
 *
 * <p>The mail is sent before the timer's deletion commits: should that commit fail after the server took the
 * mail, the mail is sent again (at least once in that corner; once otherwise).
 */
@ApplicationScoped
public class MailSender implements TimerHandler {

    private static final Logger LOG = Logger.getLogger(MailSender.class);

    @Inject
    ReactiveMailer mailer;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    @Inject
    Instance<MailRecipients> recipients;

    @Override
    public String kind() {
        return Mails.KIND;
    }

    @Override
    public Uni<Void> fire(DueTimer timer) {
        JsonNode payload;
        try {
            payload = mapper.readTree(timer.payload());
        } catch (JsonProcessingException e) {
            count("failed");
            LOG.errorf("Mail %s dropped: its payload is not JSON (%s)", timer.key(), e.getOriginalMessage());
            return Uni.createFrom().voidItem();
        }
        String to = payload.path("to").asText("");
        String subject = payload.path("subject").asText("");
        String text = payload.path("text").asText("");
        return address(to).chain(address -> {
            if (address.isEmpty()) {
                count("failed");
                LOG.warnf("Mail %s dropped: recipient %s has no mail address", timer.key(), to);
                return Uni.createFrom().voidItem();
            }
            return mailer.send(Mail.withText(address.get(), subject, text))
                    .invoke(() -> count("sent"))
                    .onFailure().transform(failure -> {
                        count("failed");
                        boolean down = Unavailability.isUnavailable(failure) || involvesIo(failure);
                        LOG.warnf("Mail %s to %s not sent (attempt %d)%s: %s", timer.key(), address.get(),
                                timer.attempts() + 1, down ? ", SMTP server unavailable; held" : "", failure.toString());
                        return down ? new SmtpUnavailable(failure) : failure;
                    });
        });
    }

    private Uni<Optional<String>> address(String to) {
        if (to.contains("@")) {
            return Uni.createFrom().item(Optional.of(to));
        }
        UUID id;
        try {
            id = UUID.fromString(to);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (!recipients.isResolvable()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return recipients.get().address(id);
    }

    private void count(String result) {
        registry.counter("tessera.mail.sent", "result", result).increment();
    }

    private static boolean involvesIo(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The SMTP server could not be reached: an outage (the timer core holds it), not the mail's fault. */
    static final class SmtpUnavailable extends IOException {
        SmtpUnavailable(Throwable cause) {
            super("SMTP server unavailable: " + cause.getMessage(), cause);
        }
    }
}
