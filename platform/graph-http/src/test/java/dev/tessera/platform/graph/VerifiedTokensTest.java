package dev.tessera.platform.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The cache's rules on a clock the test moves: usable strictly before exp (and the token age), bounded. */
class VerifiedTokensTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    final InstantSource clock = now::get;

    VerifiedTokens tokens(long maxBytes, Duration maxAge) {
        return new VerifiedTokens(maxBytes, maxAge, clock, Runnable::run);
    }

    JsonWebToken jwt(Instant issued, Instant expires) {
        Map<String, Object> claims = new HashMap<>();
        if (issued != null) {
            claims.put("iat", issued.getEpochSecond());
        }
        if (expires != null) {
            claims.put("exp", expires.getEpochSecond());
        }
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "t";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @SuppressWarnings("unchecked")
            @Override
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }

    @Test
    void aTokenIsUsableUntilJustBeforeItsExpirationNeverAfter() {
        VerifiedTokens tokens = tokens(1 << 20, null);
        JsonWebToken jwt = jwt(now.get(), now.get().plusSeconds(60));
        tokens.put("a.b.c", jwt);
        assertSame(jwt, tokens.get("a.b.c"));
        now.set(now.get().plusSeconds(59).plusMillis(999));
        assertSame(jwt, tokens.get("a.b.c"));
        now.set(now.get().plusMillis(1)); // exactly exp
        assertNull(tokens.get("a.b.c"));
        now.set(now.get().minusSeconds(30)); // a clock going back does not revive it: it was dropped
        assertNull(tokens.get("a.b.c"));
    }

    @Test
    void theConfiguredMaximumTokenAgeEndsItEarlier() {
        VerifiedTokens tokens = tokens(1 << 20, Duration.ofSeconds(10));
        JsonWebToken jwt = jwt(now.get(), now.get().plusSeconds(3600));
        tokens.put("a.b.c", jwt);
        now.set(now.get().plusSeconds(9));
        assertSame(jwt, tokens.get("a.b.c"));
        now.set(now.get().plusSeconds(1));
        assertNull(tokens.get("a.b.c"));
        tokens.put("no.iat.x", jwt(null, now.get().plusSeconds(3600)));
        assertNull(tokens.get("no.iat.x"));
    }

    @Test
    void tokensWithoutExpirationOrAlreadyExpiredAreNotKept() {
        VerifiedTokens tokens = tokens(1 << 20, null);
        tokens.put("no.exp.x", jwt(now.get(), null));
        tokens.put("old.exp.x", jwt(now.get().minusSeconds(120), now.get().minusSeconds(1)));
        assertNull(tokens.get("no.exp.x"));
        assertNull(tokens.get("old.exp.x"));
        assertEquals(0, tokens.size());
    }

    @Test
    void theCacheIsBoundedByTheBytesItsEntriesHold() {
        String body = "x".repeat(1000);
        long maxBytes = 50L * VerifiedTokens.weight(body + "00000");
        VerifiedTokens tokens = tokens(maxBytes, null);
        JsonWebToken jwt = jwt(now.get(), now.get().plusSeconds(3600));
        for (int i = 0; i < 1000; i++) {
            tokens.put(body + "%05d".formatted(i), jwt);
        }
        long size = tokens.size();
        assertTrue(size <= 50 && size > 0, "kept " + size + " of 1000 tokens, bound 50");
    }
}
