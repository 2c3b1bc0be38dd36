package dev.tessera.catalog;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.IGA;
import static dev.tessera.catalog.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tessera.infra.DevKeys;
import dev.tessera.infra.TokenMinter;
import dev.tessera.platform.graph.CachingJwtParser;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens go through the caching parser (issue 16: a token is RS256-verified once), and what the verifier
 * refuses stays refused on every request, also for the subject of a token that was accepted and cached.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class TokenCacheTest {

    @Inject
    JWTParser parser;

    @Test
    void bearerTokensAreParsedByTheCachingParser() {
        assertInstanceOf(CachingJwtParser.class, parser);
    }

    @Test
    void anAcceptedTokenKeepsWorkingAndForgedOrForeignTokensOfTheSameUserAreRefusedEveryTime() throws Exception {
        String oid = UUID.randomUUID().toString();
        String good = Tokens.admin(oid, IGA);
        String foreign = Tokens.builder(oid).role(IGA).audience("api://someone-else").sign();
        String forged = new TokenMinter(DevKeys.loadOrCreate(Files.createTempDirectory("other-keys"))).forUser(oid)
                .role(IGA).sign();
        String tampered = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
        for (int i = 0; i < 3; i++) {
            as(good).when().get(EM + "/catalogs").then().statusCode(200);
            for (String refused : new String[] {foreign, forged, tampered}) {
                as(refused).when().get(EM + "/catalogs").then().statusCode(401)
                        .body("error.code", equalTo("InvalidAuthenticationToken"));
            }
        }
    }
}
