package dev.tessera.pim.roledefinition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The startup upsert of the built-in roles: idempotent, repairs drift, safe when replicas start together. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class BuiltInRoleDefinitionsTest {

    static final String SEARCH_EDITOR = "8835291a-918c-4fd7-a9ce-faa49f0cf7d9";

    @Inject
    BuiltInRoleDefinitions builtIn;

    @Inject
    DataSource dataSource;

    @Test
    void aSecondRunChangesNothing() throws SQLException {
        assertEquals(0, builtIn.upsert());
    }

    @Test
    void twoReplicasStartingTogetherBothSucceedAndRepairADriftedRoleOnce() throws Exception {
        execute("update role_definition set display_name = 'Drifted', is_privileged = true where id = ?", SEARCH_EDITOR);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = builtIn::upsert;
            List<Future<Integer>> runs = pool.invokeAll(List.of(run, run), 60, TimeUnit.SECONDS);
            assertEquals(1, runs.get(0).get() + runs.get(1).get(), "the drifted role is rewritten once");
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("select display_name, is_privileged, is_built_in from role_definition where id = ?")) {
            q.setString(1, SEARCH_EDITOR);
            try (ResultSet row = q.executeQuery()) {
                row.next();
                assertEquals("Search Editor", row.getString(1));
                assertEquals(false, row.getBoolean(2));
                assertEquals(true, row.getBoolean(3));
            }
        }
    }

    private void execute(String sql, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            s.executeUpdate();
        }
    }
}
