package dev.tessera.platform.graph;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens that passed full verification (signature, key, issuer, audience, exp/nbf), keyed by the exact
 * token text, so that the same bearer token sent again is not RS256-verified again (issue 16: 12–17 % of
 * every service's CPU went to verifying the same client and service tokens over and over).
 *
 * <p>An entry is used only while the token is unexpired: strictly before its {@code exp} (and before
 * {@code iat} + the maximum token age when one is configured) on {@code clock}, which must be the clock the
 * verifier itself uses (the system clock). The clock skew the verifier grants after {@code exp} is never
 * granted by the cache: from {@code exp} on, every use of the token goes to the verifier again. Only
 * tokens the verifier accepted are put here; a token it refuses is refused again every time. The cache is
 * bounded by an estimate of the bytes its entries hold (the token text and its parsed claims).
 */
public final class VerifiedTokens {

    /** What one entry is estimated to hold besides the token text: the parsed claims, the map, the key. */
    static final int ENTRY_OVERHEAD_BYTES = 1024;

    private record Entry(JsonWebToken token, Instant usableUntil) {
    }

    private final InstantSource clock;
    private final Duration maxTokenAge;
    private final Cache<String, Entry> entries;

    /**
     * @param maxBytes the bound: estimated bytes of all entries together (least recently used go first)
     * @param maxTokenAge the verifier's maximum token age ({@code mp.jwt.verify.token.age}), or null
     * @param executor runs Caffeine's maintenance (null: its default); tests pass {@code Runnable::run}
     */
    public VerifiedTokens(long maxBytes, Duration maxTokenAge, InstantSource clock, Executor executor) {
        this.clock = clock;
        this.maxTokenAge = maxTokenAge;
        Caffeine<String, Entry> builder = Caffeine.newBuilder()
                .ticker(() -> nanos(clock.instant()))
                .maximumWeight(maxBytes)
                .weigher((String token, Entry entry) -> weight(token))
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long currentTime) {
                        return Math.max(0, nanos(entry.usableUntil()) - currentTime);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, entry, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                });
        if (executor != null) {
            builder.executor(executor);
        }
        this.entries = builder.build();
    }

    /** The verified token for exactly this text while it is still usable; null: verify it. */
    public JsonWebToken get(String token) {
        Entry entry = entries.getIfPresent(token);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.usableUntil())) {
            entries.asMap().remove(token, entry);
            return null;
        }
        return entry.token();
    }

    /**
     * Remembers a token the verifier has just accepted, until its {@code exp}. A token without {@code exp}, or
     * one already at or past it on this clock, is not remembered.
     */
    public void put(String token, JsonWebToken verified) {
        long exp = seconds(verified, "exp");
        if (exp <= 0) {
            return;
        }
        Instant usableUntil = Instant.ofEpochSecond(exp);
        if (maxTokenAge != null) {
            long iat = seconds(verified, "iat");
            if (iat <= 0) {
                return; // the verifier's age check needs iat: leave every use to it
            }
            Instant ageLimit = Instant.ofEpochSecond(iat).plus(maxTokenAge);
            if (ageLimit.isBefore(usableUntil)) {
                usableUntil = ageLimit;
            }
        }
        if (!clock.instant().isBefore(usableUntil)) {
            return;
        }
        entries.put(token, new Entry(verified, usableUntil));
    }

    /** Forgets every token (e.g. when the verification key changes). */
    public void clear() {
        entries.invalidateAll();
    }

    /** For tests: the number of remembered tokens after pending evictions. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /** The estimated bytes one entry holds: the token text (its claims are parsed from it) and the overhead. */
    static int weight(String token) {
        return 2 * token.length() + ENTRY_OVERHEAD_BYTES;
    }

    /** A NumericDate claim in epoch seconds; 0 when absent. */
    private static long seconds(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        return value instanceof Number number ? number.longValue() : 0;
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
