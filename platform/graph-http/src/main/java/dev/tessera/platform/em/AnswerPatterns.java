package dev.tessera.platform.em;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The {@code regexPattern} of a text question, matched against requestors' answers with RE2/J: in time
 * linear in the answer whatever the pattern, so a pattern such as {@code ((a+)+)+} cannot block an
 * event-loop thread. RE2 syntax is Java's without backreferences and lookaround; a pattern RE2/J cannot
 * compile is refused when the policy is written ({@link #problem}).
 */
public final class AnswerPatterns {

    /** The longest pattern a question may carry. */
    public static final int MAX_PATTERN = 1024;

    private AnswerPatterns() {
    }

    /** Why {@code regex} cannot be a question's pattern, or null when it can. */
    public static String problem(String regex) {
        if (regex.length() > MAX_PATTERN) {
            return "is longer than " + MAX_PATTERN + " characters";
        }
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return "is not a regular expression Tessera can run in linear time (RE2 syntax: no backreferences "
                    + "or lookaround): " + e.getDescription();
        }
    }

    /** Whether the whole {@code answer} matches {@code regex}; a pattern that does not compile matches nothing. */
    public static boolean matches(String regex, String answer) {
        try {
            return Pattern.compile(regex).matcher(answer).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
