package dev.tessera.catalog.policy;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * ISO-8601 durations as Graph writes them: {@code P30D}, {@code PT8H}, {@code P1DT2H}, also with years,
 * months or weeks ({@code P1Y}, {@code P2W}). Years and months count as 365 and 30 days, which is
 * enough to compare a duration with zero.
 */
public final class IsoDurations {

    private IsoDurations() {
    }

    /** The approximate length, or empty if the text is not an ISO-8601 duration. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String iso = text.trim().toUpperCase(Locale.ROOT);
        if (iso.startsWith("-") || !iso.startsWith("P") || iso.equals("P") || iso.endsWith("T")) {
            return Optional.empty();
        }
        int t = iso.indexOf('T');
        String datePart = t < 0 ? iso : iso.substring(0, t);
        String timePart = t < 0 ? null : "P" + iso.substring(t);
        try {
            Duration total = Duration.ZERO;
            if (!datePart.equals("P")) {
                Period period = Period.parse(datePart);
                if (period.isNegative()) {
                    return Optional.empty();
                }
                total = total.plusDays(period.getYears() * 365L + period.getMonths() * 30L + period.getDays());
            }
            if (timePart != null) {
                Duration time = Duration.parse(timePart);
                if (time.isNegative()) {
                    return Optional.empty();
                }
                total = total.plus(time);
            }
            return Optional.of(total);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
