package dev.tessera.platform.graph;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.InstantSource;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The {@link JWTParser} Quarkus' bearer-token {@code IdentityProvider} (MpJwtValidator) calls for every
 * request: smallrye-jwt's {@link DefaultJWTParser}, with the tokens it accepted remembered in
 * {@link VerifiedTokens} until their {@code exp}. Only {@link #parse(String)} — the configured issuer,
 * audiences and key, the one MpJwtValidator uses — is cached; the other methods verify with other keys or
 * contexts and always go to smallrye-jwt.
 *
 * <p>The verification key is read from {@code mp.jwt.verify.publickey.location} once per JVM, so a key
 * rotation is a restart, which starts with an empty cache. {@code tessera.auth.token-cache.enabled=false}
 * verifies every request again.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private final DefaultJWTParser delegate;
    private final VerifiedTokens verified;

    @Inject
    public CachingJwtParser(DefaultJWTParser delegate, JWTAuthContextInfo context,
            @ConfigProperty(name = "tessera.auth.token-cache.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "tessera.auth.token-cache.max-bytes", defaultValue = "8388608") long maxBytes) {
        this(delegate, enabled ? new VerifiedTokens(maxBytes, tokenAge(context), InstantSource.system(), null) : null);
    }

    /**
     * {@code verified} null: no cache. The cache's clock must be the system clock, the one the verifier checks
     * exp with (never the service's movable business clock).
     */
    CachingJwtParser(DefaultJWTParser delegate, VerifiedTokens verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    static Duration tokenAge(JWTAuthContextInfo context) {
        Long seconds = context.getTokenAge();
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (verified == null) {
            return delegate.parse(token);
        }
        JsonWebToken known = verified.get(token);
        if (known != null) {
            return known;
        }
        JsonWebToken jwt = delegate.parse(token); // throws for any token it refuses: never remembered
        verified.put(token, jwt);
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
