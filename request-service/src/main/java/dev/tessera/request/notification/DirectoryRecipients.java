package dev.tessera.request.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.mail.MailRecipients;
import dev.tessera.request.automatic.DirectoryView;
import dev.tessera.request.directory.DirectoryService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's address for mail: their {@code mail}, else their {@code userPrincipalName}, from request-service's
 * directory view; a user the view has not heard of is read from the directory (provisioning-service; down means
 * the mail is held until it answers). An external subject not yet in the directory has its email queued directly.
 */
@ApplicationScoped
public class DirectoryRecipients implements MailRecipients {

    @Inject
    DirectoryView view;

    @Inject
    DirectoryService directory;

    @Override
    public Uni<Optional<String>> address(UUID objectId) {
        return view.user(objectId).chain(known -> {
            if (known != null && !known.deleted && (present(known.mail) || present(known.principalName))) {
                return Uni.createFrom().item(Optional.of(present(known.mail) ? known.mail : known.principalName));
            }
            return directory.user(objectId).map(user -> user.flatMap(DirectoryRecipients::address));
        });
    }

    private static Optional<String> address(JsonNode user) {
        String mail = user.path("mail").asText("");
        String upn = user.path("userPrincipalName").asText("");
        return present(mail) ? Optional.of(mail) : present(upn) ? Optional.of(upn) : Optional.empty();
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank() && text.contains("@");
    }
}
