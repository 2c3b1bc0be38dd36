package dev.tessera.platform.graph;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * The token cache in front of smallrye-jwt's real RS256 verifier (no clock skew, so exp is exact): a token is
 * verified once, a cached token stops working at its exp, a refused token is refused every time.
 */
class CachingJwtParserTest {

    static final String ISSUER = "https://tessera.local/test";
    static final String AUDIENCE = "api://tessera";
    static final KeyPair KEYS = rsa();
    static final KeyPair OTHER_KEYS = rsa();

    final AtomicInteger verifications = new AtomicInteger();

    CachingJwtParser parser() {
        JWTAuthContextInfo context = new JWTAuthContextInfo(KEYS.getPublic(), ISSUER);
        context.setExpectedAudience(Set.of(AUDIENCE));
        context.setClockSkew(0);
        DefaultJWTParser verifier = new DefaultJWTParser(context) {
            @Override
            public JsonWebToken parse(String token) throws ParseException {
                verifications.incrementAndGet();
                return super.parse(token);
            }
        };
        return new CachingJwtParser(verifier, new VerifiedTokens(1 << 20, null, InstantSource.system(), Runnable::run));
    }

    static String token(KeyPair keys, String audience, Instant expires) {
        return Jwt.issuer(ISSUER).audience(audience).subject(UUID.randomUUID().toString()).issuedAt(Instant.now())
                .expiresAt(expires).sign(keys.getPrivate());
    }

    @Test
    void aValidTokenIsVerifiedOnceAndAnsweredFromTheCacheAfterwards() throws Exception {
        CachingJwtParser parser = parser();
        String token = token(KEYS, AUDIENCE, Instant.now().plus(Duration.ofHours(1)));
        JsonWebToken first = parser.parse(token);
        JsonWebToken second = parser.parse(token);
        assertSame(first, second);
        assertEquals(1, verifications.get());
        assertEquals(token, second.getRawToken());
    }

    @Test
    void aCachedTokenIsRefusedFromItsExpirationOn() throws Exception {
        CachingJwtParser parser = parser();
        String token = token(KEYS, AUDIENCE, Instant.now().plusSeconds(2));
        parser.parse(token);
        parser.parse(token);
        assertEquals(1, verifications.get());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> refused(parser, token));
        assertTrue(refused(parser, token)); // and stays refused
    }

    @Test
    void aTokenWithABadSignatureOrAWrongAudienceIsRefusedEveryTime() {
        CachingJwtParser parser = parser();
        Instant exp = Instant.now().plus(Duration.ofHours(1));
        String forged = token(OTHER_KEYS, AUDIENCE, exp);
        String elsewhere = token(KEYS, "api://someone-else", exp);
        String good = token(KEYS, AUDIENCE, exp);
        String tampered = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
        for (int i = 0; i < 3; i++) {
            assertThrows(ParseException.class, () -> parser.parse(forged));
            assertThrows(ParseException.class, () -> parser.parse(elsewhere));
            assertThrows(ParseException.class, () -> parser.parse(tampered));
        }
        assertEquals(9, verifications.get()); // each one went to the verifier again
    }

    @Test
    void withTheCacheOffEveryUseIsVerified() throws Exception {
        JWTAuthContextInfo context = new JWTAuthContextInfo(KEYS.getPublic(), ISSUER);
        context.setExpectedAudience(Set.of(AUDIENCE));
        AtomicInteger calls = new AtomicInteger();
        CachingJwtParser parser = new CachingJwtParser(new DefaultJWTParser(context) {
            @Override
            public JsonWebToken parse(String token) throws ParseException {
                calls.incrementAndGet();
                return super.parse(token);
            }
        }, null);
        String token = token(KEYS, AUDIENCE, Instant.now().plus(Duration.ofHours(1)));
        parser.parse(token);
        parser.parse(token);
        assertEquals(2, calls.get());
    }

    static boolean refused(CachingJwtParser parser, String token) {
        try {
            parser.parse(token);
            return false;
        } catch (ParseException e) {
            return true;
        }
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUnknownTokenIsNotInTheCache() {
        assertNull(new VerifiedTokens(1 << 20, null, InstantSource.system(), Runnable::run).get("x.y.z"));
    }
}
