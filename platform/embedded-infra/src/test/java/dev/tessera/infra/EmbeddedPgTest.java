package dev.tessera.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The real server: start, ensureDatabase, SQL over JDBC, data kept across a restart. */
class EmbeddedPgTest {

    @Test
    void createsDatabasesOnceAndKeepsThemAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory("pg-test");
        int port = Ports.free();
        try (EmbeddedPg pg = new EmbeddedPg(dir, port, true).start()) {
            pg.ensureDatabase("catalog");
            pg.ensureDatabase("catalog"); // a second call changes nothing
            assertEquals("postgresql://127.0.0.1:" + port + "/catalog", pg.reactiveUrl("catalog"));
            execute(pg, "catalog", "create table kept (id int)");
            execute(pg, "catalog", "insert into kept values (42)");
            assertEquals(1, queryInt(pg, "catalog", "select 1"));
        }
        try (EmbeddedPg again = new EmbeddedPg(dir, port, true).start()) {
            assertEquals(42, queryInt(again, "catalog", "select id from kept"));
        } finally {
            Dirs.deleteRecursively(dir);
        }
    }

    @Test
    void aTemporaryServerRemovesItsDataAndRejectsOddNames() throws Exception {
        Path dir;
        try (EmbeddedPg pg = EmbeddedPg.temporary().start()) {
            dir = pg.dataDir();
            pg.ensureDatabase("tessera_test");
            assertEquals(1, queryInt(pg, "tessera_test", "select 1"));
            assertThrows(IllegalArgumentException.class, () -> pg.ensureDatabase("x; drop database postgres"));
        }
        assertFalse(Files.exists(dir.resolve("PG_VERSION")));
    }

    @Test
    void listensOnTheLoopbackAddressOnly() throws Exception {
        try (EmbeddedPg pg = EmbeddedPg.temporary().start()) {
            pg.ensureDatabase("tessera_test");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("tessera_test"), pg.username(), pg.password());
                    Statement s = c.createStatement(); ResultSet rows = s.executeQuery("show listen_addresses")) {
                rows.next();
                assertEquals("127.0.0.1", rows.getString(1));
            }
            LoopbackOnly.assertUnreachableFromOtherAddresses(pg.port());
        }
    }

    static void execute(EmbeddedPg pg, String db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), pg.username(), pg.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static int queryInt(EmbeddedPg pg, String db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), pg.username(), pg.password());
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
