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
import java.time.Duration;

/**
 * A real PostgreSQL server started from the zonky binaries (no Docker, no installation). As root,
 * zonky runs initdb and pg_ctl under {@code unshare -U}, because PostgreSQL refuses to run as root.
 * With {@code keepData}, the data directory survives close and is reused by the next start.
 */
public final class EmbeddedPg implements AutoCloseable {

    /** zonky's superuser; initdb runs with {@code -A trust}, so the password is not checked. */
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    /**
     * The only address the server listens on: the loopback one. initdb's trust authentication admits
     * anyone who can connect, so nobody off this machine may.
     */
    public static final String LISTEN_ADDRESS = "127.0.0.1";

    private final Path dataDir;
    private final int port;
    private final boolean keepData;
    private EmbeddedPostgres postgres;

    /** A server on {@code port} (0 = a free one) keeping its data in {@code dataDir} if {@code keepData}. */
    public EmbeddedPg(Path dataDir, int port, boolean keepData) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port == 0 ? Ports.free() : port;
        this.keepData = keepData;
    }

    /** A server on a free port with a throw-away data directory, deleted on close. */
    public static EmbeddedPg temporary() throws IOException {
        return new EmbeddedPg(Files.createTempDirectory("tessera-pg"), 0, false);
    }

    public synchronized EmbeddedPg start() throws IOException {
        if (postgres != null) {
            return this;
        }
        Files.createDirectories(dataDir);
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                // false: initdb only when the directory holds no cluster yet, and keep it on close
                .setCleanDataDirectory(!keepData)
                // zonky's 10 s default is too tight for a first start on a busy two-core machine
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", LISTEN_ADDRESS)
                .setServerConfig("max_connections", "300")
                // a throw-away database trades durability for speed; a kept one does not
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

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            // CREATE DATABASE takes no bind parameters, so the name is checked instead.
            throw new IllegalArgumentException("Unsupported database name " + name);
        }
        try (Connection connection = running().getPostgresDatabase().getConnection();
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
            // "already exists" means another caller won a race: the database is there.
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("Could not create database " + name, e);
            }
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + LISTEN_ADDRESS + ":" + port + "/" + database;
    }

    /** The URL form the Vert.x reactive client (quarkus.datasource.reactive.url) takes. */
    public String reactiveUrl(String database) {
        return "postgresql://" + LISTEN_ADDRESS + ":" + port + "/" + database;
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

    private synchronized EmbeddedPostgres running() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        return postgres;
    }
}
