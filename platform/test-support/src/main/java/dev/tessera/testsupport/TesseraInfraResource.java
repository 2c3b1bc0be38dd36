package dev.tessera.testsupport;

import dev.tessera.infra.DevKeys;
import dev.tessera.infra.EmbeddedKafka;
import dev.tessera.infra.EmbeddedPg;
import dev.tessera.infra.TokenMinter;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Starts a real Kafka broker and a real PostgreSQL once per test JVM (in parallel) and hands their
 * addresses, and the token-verification key, to Quarkus. Environment variables
 * {@code TESSERA_TEST_KAFKA_BOOTSTRAP} and {@code TESSERA_TEST_PG_JDBC_URL} (+ {@code _USER},
 * {@code _PASSWORD}) point tests at external ones instead.
 */
public class TesseraInfraResource implements QuarkusTestResourceLifecycleManager {

    private static final String DATABASE = "tessera_test";

    private static Map<String, String> config;

    @Override
    public Map<String, String> start() {
        return startOnce();
    }

    @Override
    public void stop() {
        // Broker and database live for the whole JVM; a shutdown hook stops them.
    }

    static synchronized Map<String, String> startOnce() {
        if (config != null) {
            return config;
        }
        CompletableFuture<String> kafka = CompletableFuture.supplyAsync(TesseraInfraResource::kafka);
        CompletableFuture<Map<String, String>> database = CompletableFuture.supplyAsync(TesseraInfraResource::database);
        DevKeys keys = TestKeys.keys();
        Map<String, String> map = new HashMap<>(database.join());
        map.put("kafka.bootstrap.servers", kafka.join());
        map.put("mp.jwt.verify.publickey.location", keys.publicKeyPath().toString());
        map.put("mp.jwt.verify.issuer", TokenMinter.DEFAULT_ISSUER);
        config = Map.copyOf(map);
        return config;
    }

    private static String kafka() {
        String external = System.getenv("TESSERA_TEST_KAFKA_BOOTSTRAP");
        if (external != null && !external.isBlank()) {
            return external;
        }
        try {
            EmbeddedKafka broker = EmbeddedKafka.temporary().start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "stop-embedded-kafka"));
            return broker.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded Kafka broker", e);
        }
    }

    private static Map<String, String> database() {
        String external = System.getenv("TESSERA_TEST_PG_JDBC_URL");
        Map<String, String> map = new HashMap<>();
        if (external != null && !external.isBlank()) {
            map.put("quarkus.datasource.jdbc.url", external);
            map.put("quarkus.datasource.reactive.url", external.replaceFirst("^jdbc:", ""));
            map.put("quarkus.datasource.username", env("TESSERA_TEST_PG_USER", "postgres"));
            map.put("quarkus.datasource.password", env("TESSERA_TEST_PG_PASSWORD", "postgres"));
            return map;
        }
        try {
            EmbeddedPg pg = EmbeddedPg.temporary().start();
            Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "stop-embedded-postgres"));
            pg.ensureDatabase(DATABASE);
            map.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(DATABASE));
            map.put("quarkus.datasource.reactive.url", pg.reactiveUrl(DATABASE));
            map.put("quarkus.datasource.username", EmbeddedPg.USER);
            map.put("quarkus.datasource.password", EmbeddedPg.PASSWORD);
            return map;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
