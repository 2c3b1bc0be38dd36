package dev.tessera.platform.mail;

import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a directory object's mail goes, as the service that queued it knows it (request-service: its
 * directory view's {@code mail}, else the UPN). A CDI bean of the service; asked when the mail is sent, inside
 * the sending timer's transaction, so queuing a mail never waits for a directory. Failing with an outage holds
 * the mail; an empty answer drops it (counted as failed, logged).
 */
public interface MailRecipients {

    Uni<Optional<String>> address(UUID objectId);
}
