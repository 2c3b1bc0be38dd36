package dev.tessera.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server started from the zonky binaries (no Docker, no installation). As root,
 * zonky runs initdb and pg_ctl under {@code unshare -U}. With a data directory given, data survives
 * restarts.
 */
public final class EmbeddedPg implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final Path dataDir;
    private final int port;
    private final boolean keepData;
    private EmbeddedPostgres postgres;

    public EmbeddedPg(Path dataDir, int port, boolean keepData) {
        this.dataDir = dataDir;
        this.port = port == 0 ? EmbeddedKafka.freePort() : port;
        this.keepData = keepData;
    }

    /** A server on a free port with a throw-away data directory. */
    public static EmbeddedPg temporary() throws IOException {
        return new EmbeddedPg(Files.createTempDirectory("tessera-pg"), 0, false);
    }

    public synchronized EmbeddedPg start() throws IOException {
        Files.createDirectories(dataDir);
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(!keepData)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", keepData ? "on" : "off")
                .setServerConfig("synchronous_commit", keepData ? "on" : "off")
                .start();
        return this;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsupported database name " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://localhost:" + port + "/" + database;
    }

    @Override
    public synchronized void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new IllegalStateException("Could not stop PostgreSQL", e);
            } finally {
                postgres = null;
            }
        }
    }
}
