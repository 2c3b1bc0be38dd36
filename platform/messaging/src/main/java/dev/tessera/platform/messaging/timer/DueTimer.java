package dev.tessera.platform.messaging.timer;

import java.time.Instant;

/**
 * A timer whose time has come, as its {@link TimerHandler} sees it. {@code attempts} counts earlier
 * failed firings (0 on the first).
 */
public record DueTimer(String kind, String key, Instant dueAt, String payload, int attempts) {
}
