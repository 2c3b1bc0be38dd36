package dev.tessera.testsupport;

import dev.tessera.common.ServiceIdentity;
import dev.tessera.infra.EmbeddedKafka;
import dev.tessera.infra.EmbeddedPg;
import dev.tessera.infra.TokenMinter;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A real Kafka broker and a real PostgreSQL for {@code @QuarkusTest}s, started once per test JVM (in
 * parallel) and reused by every test class and every profile restart:
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
 * class MyTest { ... }
 * </pre>
 *
 * It hands Quarkus the broker and database addresses, the key that {@link Tokens} sign with and the
 * service token ({@code tessera.service-token}, {@link Tokens#service()}) signed with it.
 * Environment variables {@code TESSERA_TEST_KAFKA_BOOTSTRAP} and {@code TESSERA_TEST_PG_JDBC_URL}
 * (+ {@code TESSERA_TEST_PG_USER}, {@code TESSERA_TEST_PG_PASSWORD}) point tests at external ones
 * instead. A shutdown hook stops what was started.
 */
public class TesseraInfraResource implements QuarkusTestResourceLifecycleManager {

    /** The database of a test JVM: fresh, because its server is. */
    public static final String DATABASE = "tessera_test";

    /** Tessera's role state, compacted (Topics.PIM_ROLES in the messaging module). */
    public static final String ROLES_TOPIC = "tessera.pim.roles";

    @Override
    public Map<String, String> start() {
        return startOnce();
    }

    @Override
    public void stop() {
        // Broker and database live for the whole JVM (later test classes reuse them); the shutdown
        // hook stops them.
    }

    /** The configuration of this JVM's infrastructure, starting it on the first call. */
    public static Map<String, String> startOnce() {
        // Quarkus may load this class more than once (one loader per application start), so
        // "already started" lives in system properties, not in a static field.
        synchronized (SharedState.LOCK) {
            Map<String, String> started = SharedState.infraConfig();
            if (started != null) {
                return started;
            }
            Map<String, String> config = startInfra();
            SharedState.publishInfraConfig(config);
            return config;
        }
    }

    /** Held, so the level settings are not lost to garbage collection of the loggers. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private static Map<String, String> startInfra() {
        quietBrokerLogs();
        CompletableFuture<String> kafka = CompletableFuture.supplyAsync(TesseraInfraResource::kafka);
        CompletableFuture<Map<String, String>> database = CompletableFuture.supplyAsync(TesseraInfraResource::database);
        Map<String, String> config = new HashMap<>();
        config.put("mp.jwt.verify.publickey.location", TestKeys.keys().publicKeyPath().toString());
        config.put("mp.jwt.verify.issuer", TokenMinter.DEFAULT_ISSUER);
        // The service identity, minted with this run's key like the local stack does (never committed).
        config.put(ServiceIdentity.TOKEN_PROPERTY, Tokens.service());
        try {
            config.putAll(database.join());
            config.put("kafka.bootstrap.servers", kafka.join());
        } catch (CompletionException e) {
            // The other one is stopped by its shutdown hook.
            throw new IllegalStateException("Could not start the test infrastructure: " + e.getCause().getMessage(),
                    e.getCause());
        }
        return Map.copyOf(config);
    }

    /**
     * The in-process broker logs every config and partition change at INFO, burying the test
     * output; warnings and errors still show. (A service's own quarkus.log settings apply on top.)
     */
    private static void quietBrokerLogs() {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger", "io.zonky")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }

    private static String kafka() {
        String external = env("TESSERA_TEST_KAFKA_BOOTSTRAP", null);
        if (external != null) {
            return external;
        }
        try {
            EmbeddedKafka broker = EmbeddedKafka.temporary();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "stop-embedded-kafka"));
            String bootstrap = broker.start().bootstrapServers();
            // as the local stack and deploy/ have it (each service also makes sure at start)
            EmbeddedKafka.createCompactedTopics(bootstrap, List.of(ROLES_TOPIC), 3);
            return bootstrap;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded Kafka broker", e);
        }
    }

    private static Map<String, String> database() {
        String external = env("TESSERA_TEST_PG_JDBC_URL", null);
        if (external != null) {
            return datasource(external, env("TESSERA_TEST_PG_USER", "postgres"), env("TESSERA_TEST_PG_PASSWORD", "postgres"));
        }
        try {
            EmbeddedPg pg = EmbeddedPg.temporary();
            Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "stop-embedded-postgres"));
            pg.start().ensureDatabase(DATABASE);
            return datasource(pg.jdbcUrl(DATABASE), pg.username(), pg.password());
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL", e);
        }
    }

    /** Both URL forms: Hibernate Reactive uses the Vert.x one, Flyway and test helpers the JDBC one. */
    static Map<String, String> datasource(String jdbcUrl, String user, String password) {
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.reactive.url", jdbcUrl.replaceFirst("^jdbc:", ""),
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
