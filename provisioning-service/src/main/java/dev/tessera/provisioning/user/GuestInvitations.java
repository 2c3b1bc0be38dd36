package dev.tessera.provisioning.user;

import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.DirectoryChanged;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.provisioning.group.DynamicMemberships;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * The directory user an access package delivered to an email goes to: whoever already has that mail,
 * else a guest invited now, named as Entra names invited guests ({@code mailNickname}
 * {@code jen_foo.com#EXT#}, {@code userPrincipalName} {@code jen_foo.com#EXT#@<tenant domain>},
 * {@code userType} Guest, {@code creationType} Invitation). Runs inside the delivering transaction;
 * the derived names are unique per email, so two deliveries racing to invite the same email leave
 * one guest (the loser's transaction fails on the unique index and is retried, then finds it).
 */
@ApplicationScoped
public class GuestInvitations {

    static final String EXT = "#EXT#";
    private static final int NICKNAME_MAX = 64;

    @Inject
    DynamicMemberships dynamic;

    @Inject
    UserRepository users;

    @Inject
    Outbox outbox;

    @Inject
    InstantSource clock;

    @Inject
    GuestConfig config;

    public Uni<DirectoryUser> findOrInvite(String email, String displayName) {
        String mail = email.trim();
        return users.find("lower(mail) = ?1 order by createdDateTime, id", mail.toLowerCase(Locale.ROOT)).firstResult()
                .chain(existing -> existing != null ? Uni.createFrom().item(existing) : invite(mail, displayName));
    }

    private Uni<DirectoryUser> invite(String mail, String displayName) {
        DirectoryUser guest = new DirectoryUser();
        guest.id = UUID.randomUUID();
        guest.displayName = displayName == null || displayName.isBlank() ? mail : displayName.trim();
        guest.mail = mail;
        guest.mailNickname = nickname(mail);
        guest.userPrincipalName = guest.mailNickname + "@" + config.tenantDomain();
        guest.userType = UserType.Guest;
        guest.accountEnabled = true;
        guest.creationType = "Invitation";
        guest.externalUserState = "PendingAcceptance";
        guest.createdDateTime = clock.instant();
        return users.persistAndFlush(guest)
                .chain(() -> outbox.publish(Topics.DIRECTORY_EVENTS, EventTypes.USER_CREATED, guest.id.toString(),
                        new DirectoryChanged(guest.id, null, UserRules.attributes(guest, UserRules.allAttributes()))))
                .chain(() -> dynamic.userChanged(guest))
                .replaceWith(guest);
    }

    /**
     * {@code jen_foo.com#EXT#}: the email with {@code @} as {@code _} and characters a mailNickname may
     * not hold as {@code _}; an email too long for 64 characters is cut and keeps a hash of the whole,
     * so different emails still get different names.
     */
    static String nickname(String mail) {
        String local = mail.toLowerCase(Locale.ROOT).replaceAll("[^\\x21-\\x7E]|[@()\\\\\\[\\]\";:<>,]", "_");
        if (local.length() + EXT.length() <= NICKNAME_MAX) {
            return local + EXT;
        }
        String hash = hash(mail.toLowerCase(Locale.ROOT));
        return local.substring(0, NICKNAME_MAX - EXT.length() - hash.length() - 1) + "_" + hash + EXT;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
