package dev.tessera.platform.em;

import java.util.Locale;
import java.util.Optional;

/**
 * The domain a guest's connected organization is looked up by: the domain of their {@code mail}, or,
 * without a mail, of the original address an invited guest's {@code userPrincipalName} encodes
 * ({@code jen_foo.com#EXT#@tenant.onmicrosoft.com} is {@code jen@foo.com}, so {@code foo.com}).
 */
public final class GuestDomain {

    private static final String EXT = "#ext#";

    private GuestDomain() {
    }

    /** The lower-case domain, or empty when neither property names one. */
    public static Optional<String> of(String mail, String userPrincipalName) {
        if (mail != null && !mail.isBlank()) {
            return after(mail.trim(), '@');
        }
        if (userPrincipalName == null) {
            return Optional.empty();
        }
        int ext = userPrincipalName.toLowerCase(Locale.ROOT).indexOf(EXT);
        // the '@' of the original address became the last '_' (a domain has no underscores)
        return ext < 0 ? Optional.empty() : after(userPrincipalName.substring(0, ext), '_');
    }

    private static Optional<String> after(String address, char separator) {
        int at = address.lastIndexOf(separator);
        String domain = at < 0 ? "" : address.substring(at + 1).trim().toLowerCase(Locale.ROOT);
        return domain.isEmpty() ? Optional.empty() : Optional.of(domain);
    }
}
