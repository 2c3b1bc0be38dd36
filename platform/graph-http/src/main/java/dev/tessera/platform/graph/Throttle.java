package dev.tessera.platform.graph;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-caller rate limits, like Graph's throttling: every caller (a user by {@code oid}, an application
 * by its app id, an unauthenticated client by its address; see {@link ThrottleFilter}) has its own
 * token bucket of {@code tessera.throttle.burst} requests that refills at
 * {@code tessera.throttle.requests-per-second}; writes (POST, PUT, PATCH, DELETE) also take from a
 * second, smaller bucket ({@code tessera.throttle.write-requests-per-second}, {@code write-burst}). An
 * empty bucket is answered 429 {@code activityLimitReached} with {@code Retry-After}: the whole seconds
 * until the bucket holds a request again. One caller emptying its buckets does not touch anyone else's.
 *
 * <p>Time is the service's {@link InstantSource}, so tests move it instead of sleeping. Buckets of
 * callers idle for {@code tessera.throttle.idle-expiry} are dropped (a dropped bucket is a full one:
 * nothing is lost by it), and at most {@code tessera.throttle.max-callers} are kept.
 */
@ApplicationScoped
public class Throttle {

    public static final String CODE = "activityLimitReached";
    static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** The limits; rates per second, bursts in requests. */
    public record Limits(boolean enabled, double requestsPerSecond, int burst, double writeRequestsPerSecond, int writeBurst,
            Duration idleExpiry, long maxCallers) {

        public Limits {
            if (requestsPerSecond <= 0 || writeRequestsPerSecond <= 0 || burst < 1 || writeBurst < 1 || maxCallers < 1
                    || idleExpiry.isNegative() || idleExpiry.isZero()) {
                throw new IllegalArgumentException("tessera.throttle: rates must be positive, bursts and max-callers at least 1, "
                        + "idle-expiry positive: " + this);
            }
        }
    }

    /** A 429 answered with the seconds to wait in {@code Retry-After}. */
    public static final class Throttled extends GraphException {

        private final long retryAfterSeconds;

        Throttled(String message, long retryAfterSeconds) {
            super(429, CODE, message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final Limits limits;
    private final InstantSource clock;
    private final Cache<String, Bucket> buckets;

    @Inject
    public Throttle(
            @ConfigProperty(name = "tessera.throttle.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "tessera.throttle.requests-per-second", defaultValue = "200") double requestsPerSecond,
            @ConfigProperty(name = "tessera.throttle.burst", defaultValue = "400") int burst,
            @ConfigProperty(name = "tessera.throttle.write-requests-per-second", defaultValue = "50") double writeRequestsPerSecond,
            @ConfigProperty(name = "tessera.throttle.write-burst", defaultValue = "100") int writeBurst,
            @ConfigProperty(name = "tessera.throttle.idle-expiry", defaultValue = "PT10M") Duration idleExpiry,
            @ConfigProperty(name = "tessera.throttle.max-callers", defaultValue = "100000") long maxCallers,
            InstantSource clock) {
        this(new Limits(enabled, requestsPerSecond, burst, writeRequestsPerSecond, writeBurst, idleExpiry, maxCallers), clock,
                null);
    }

    /** For tests: {@code executor} runs Caffeine's maintenance (null: its default, the common pool). */
    Throttle(Limits limits, InstantSource clock, Executor executor) {
        this.limits = limits;
        this.clock = clock;
        Caffeine<Object, Object> builder = Caffeine.newBuilder()
                .ticker(() -> nanos(clock.instant())) // idle expiry on the service's clock too
                .expireAfterAccess(limits.idleExpiry())
                .maximumSize(limits.maxCallers() * 2); // a write bucket and an all-requests bucket per caller
        if (executor != null) {
            builder.executor(executor);
        }
        this.buckets = builder.build();
    }

    public boolean enabled() {
        return limits.enabled();
    }

    public Limits limits() {
        return limits;
    }

    public static boolean isWrite(String method) {
        return WRITES.contains(method.toUpperCase(Locale.ROOT));
    }

    /** Takes one request from {@code caller}'s buckets, or throws {@link Throttled} and takes nothing. */
    public void take(String caller, boolean write) {
        if (!limits.enabled()) {
            return;
        }
        long now = nanos(clock.instant());
        Bucket writes = null;
        if (write) {
            writes = buckets.get("write " + caller, k -> new Bucket(limits.writeRequestsPerSecond(), limits.writeBurst(), now));
            long wait = writes.take(now);
            if (wait > 0) {
                throw throttled(wait, "write requests", limits.writeRequestsPerSecond(), limits.writeBurst());
            }
        }
        Bucket all = buckets.get("all " + caller, k -> new Bucket(limits.requestsPerSecond(), limits.burst(), now));
        long wait = all.take(now);
        if (wait > 0) {
            if (writes != null) {
                writes.giveBack();
            }
            throw throttled(wait, "requests", limits.requestsPerSecond(), limits.burst());
        }
    }

    /** How many callers' buckets are held now (after pending evictions). */
    long heldBuckets() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private static Throttled throttled(long wait, String what, double rate, int burst) {
        return new Throttled("Too many " + what + " from this caller (limit " + format(rate) + " per second, bursts of "
                + burst + "). Retry after " + wait + " seconds.", wait);
    }

    private static String format(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** A token bucket: {@code capacity} requests, refilled at {@code rate} per second. */
    static final class Bucket {

        private final double rate;
        private final double capacity;
        private double tokens;
        private long last;

        Bucket(double rate, double capacity, long now) {
            this.rate = rate;
            this.capacity = capacity;
            this.tokens = capacity;
            this.last = now;
        }

        /** 0 when a request was taken, else the whole seconds (at least 1) until one can be. */
        synchronized long take(long now) {
            if (now > last) { // a clock that goes back refills nothing
                tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
                last = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
        }

        synchronized void giveBack() {
            tokens = Math.min(capacity, tokens + 1);
        }
    }
}
