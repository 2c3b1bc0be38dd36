package dev.tessera.platform.graph;

/**
 * The strings Tessera stores: no C0 control character other than tab, carriage return and line feed
 * (PostgreSQL refuses NUL in text, and the others are never meant), and at most as long as the column
 * that keeps them. Checked at the edge, so a refusal is a 400 naming the property, never a 500 from the
 * database. Bodies are checked as they are read ({@link JacksonSetup}), path and query parameters by
 * {@link GraphInputFilter}.
 */
public final class GraphText {

    /** Graph's and the databases' {@code displayName} limit. */
    public static final int MAX_NAME = 256;
    /** Graph's and the databases' {@code description} limit. */
    public static final int MAX_DESCRIPTION = 1024;

    private GraphText() {
    }

    /**
     * Whether {@code text} holds a character Tessera never stores: C0 controls but tab, CR and LF, or
     * an unpaired surrogate ({@code "\ud800"} in JSON is well-formed, but no UTF-8 text: the database
     * driver would store it as '?').
     */
    public static boolean hasControlCharacter(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    public static String controlCharacterMessage(String property) {
        return "Property '" + property + "' contains a control character (U+0000 to U+001F other than tab, "
                + "carriage return and line feed) or an unpaired surrogate, which is not allowed.";
    }

    /** {@code value} unchanged, or a 400 naming {@code property} when longer than {@code max} characters. */
    public static String atMost(String value, String property, int max) {
        if (value != null && value.length() > max) {
            throw GraphException.invalidField(property, "Property '" + property + "' must be at most " + max
                    + " characters.");
        }
        return value;
    }

    public static String name(String value, String property) {
        return atMost(value, property, MAX_NAME);
    }

    public static String description(String value, String property) {
        return atMost(value, property, MAX_DESCRIPTION);
    }
}
