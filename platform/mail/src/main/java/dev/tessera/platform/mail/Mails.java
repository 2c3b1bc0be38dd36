package dev.tessera.platform.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.timer.DurableTimers;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Queues an email notification inside the caller's transaction, as a durable timer of kind {@link #KIND}
 * due now: it exists if and only if the change that causes it commits, survives restarts, and never makes the
 * request wait for SMTP ({@link MailSender} sends it). Its key is built from the causing event, the template and
 * the recipient, so a mail is queued once per event and recipient however often the cause is seen.
 *
 * <p>A template is {@code templates/mail/<name>.txt} (Qute) of the service: its first line is
 * {@code Subject: ...}, then an empty line, then the plain text. Its data always has {@code link}: the base URL
 * ({@code tessera.notifications.base-url}) followed by the path the caller names. With
 * {@code tessera.notifications.enabled=false} (the default) nothing is queued.
 */
@ApplicationScoped
public class Mails {

    public static final String KIND = "mail.send";

    @Inject
    NotificationsConfig config;

    @Inject
    DurableTimers timers;

    @Inject
    InstantSource clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    Engine engine;

    public boolean enabled() {
        return config.enabled();
    }

    /** The link to {@code path} (which starts with a slash) as recipients open it. */
    public String link(String path) {
        String baseUrl = config.baseUrl();
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + path;
    }

    /**
     * Queues the mail {@code template} to {@code recipient} (a directory object id, resolved by
     * {@link MailRecipients} when sent, or an email address) for the event {@code cause}; inside the caller's
     * transaction. {@code linkPath} is the path of the object the mail is about. True if queued now, false if
     * this event had already queued it to this recipient (or notifications are off).
     */
    public Uni<Boolean> queue(String cause, String template, String recipient, String linkPath, Map<String, Object> data) {
        if (!config.enabled() || recipient == null || recipient.isBlank()) {
            return Uni.createFrom().item(false);
        }
        Map<String, Object> values = new LinkedHashMap<>(data);
        values.put("link", link(linkPath));
        Message message = render(template, values);
        ObjectNode payload = mapper.createObjectNode()
                .put("to", recipient)
                .put("template", template)
                .put("subject", message.subject())
                .put("text", message.text());
        return timers.scheduleIfAbsent(KIND, key(cause, template, recipient), clock.instant(), payload.toString());
    }

    /** A rendered template: its subject line and its text. */
    public record Message(String subject, String text) {
    }

    public Message render(String template, Map<String, Object> data) {
        Template found = engine.getTemplate("mail/" + template);
        if (found == null) {
            throw new IllegalArgumentException("No mail template mail/" + template);
        }
        String rendered = found.data(data).render().replace("\r\n", "\n");
        if (!rendered.startsWith("Subject: ")) {
            throw new IllegalStateException("Mail template " + template + " must start with 'Subject: '");
        }
        int end = rendered.indexOf('\n');
        String subject = (end < 0 ? rendered : rendered.substring(0, end)).substring("Subject: ".length()).trim();
        String text = end < 0 ? "" : rendered.substring(end + 1).replaceFirst("^\n+", "");
        return new Message(subject, text);
    }

    /** The dedupe key: readable when short, hashed when it would pass the timer key's 200 characters. */
    static String key(String cause, String template, String recipient) {
        String key = cause + ":" + template + ":" + recipient.toLowerCase(java.util.Locale.ROOT);
        if (key.length() <= 200) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return template + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
