package dev.tessera.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.infra.TokenMinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** Starts the real infrastructure once, as the services' tests do, and checks what Quarkus is told. */
class TesseraInfraResourceTest {

    @Test
    void startsKafkaAndPostgresOnceAndDescribesThem() throws Exception {
        Map<String, String> config = new TesseraInfraResource().start();
        assertEquals(config, new TesseraInfraResource().start(), "the second start reuses the first");

        String jdbc = config.get("quarkus.datasource.jdbc.url");
        assertTrue(jdbc.startsWith("jdbc:postgresql://127.0.0.1:") && jdbc.endsWith("/tessera_test"), jdbc);
        assertEquals(jdbc.substring("jdbc:".length()), config.get("quarkus.datasource.reactive.url"));
        try (Connection c = DriverManager.getConnection(jdbc, config.get("quarkus.datasource.username"),
                config.get("quarkus.datasource.password")); ResultSet rows = c.createStatement().executeQuery("select 1")) {
            assertTrue(rows.next());
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.get("kafka.bootstrap.servers")))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("probe", 1, (short) 1))).all().get();
            assertTrue(admin.listTopics().names().get().contains("probe"));
        }

        Path key = Path.of(config.get("mp.jwt.verify.publickey.location"));
        assertTrue(Files.readString(key).contains("BEGIN PUBLIC KEY"));
        assertEquals(TestKeys.keys().publicKeyPath(), key);
        assertEquals(TokenMinter.DEFAULT_ISSUER, config.get("mp.jwt.verify.issuer"));
    }

    @Test
    void anExternalJdbcUrlAlsoYieldsTheReactiveForm() {
        Map<String, String> config = TesseraInfraResource.datasource("jdbc:postgresql://db:5432/t", "u", "p");
        assertEquals("postgresql://db:5432/t", config.get("quarkus.datasource.reactive.url"));
        assertEquals("u", config.get("quarkus.datasource.username"));
        assertSame("p", config.get("quarkus.datasource.password"));
    }
}
