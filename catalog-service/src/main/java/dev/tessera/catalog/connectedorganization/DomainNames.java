package dev.tessera.catalog.connectedorganization;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * DNS names as identity sources and the internal lookup take them: at least two labels of letters,
 * digits and inner hyphens, at most 253 characters, not all-numeric at the end (that would be an IP
 * address). Internationalised names become their ASCII (punycode) form; a final dot is dropped;
 * everything is lower-cased, so comparisons are plain string equality.
 */
public final class DomainNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

    private DomainNames() {
    }

    /** The canonical form, or empty if the text is not a DNS name. */
    public static Optional<String> canonical(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.trim();
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        try {
            name = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (name.isEmpty() || name.length() > 253) {
            return Optional.empty();
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2 || NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(name);
    }
}
