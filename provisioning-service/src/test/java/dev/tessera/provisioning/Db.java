package dev.tessera.provisioning;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the service's database over JDBC, for effects a client cannot see through the API
 * (ledger rows, outbox rows, one row per membership source).
 */
public final class Db {

    private Db() {
    }

    /** The first column of the first row as a number. */
    public static long count(String sql, Object... params) {
        return Long.parseLong(first(sql, params));
    }

    /** The first column of the first row as text, or null when there is no row. */
    public static String first(String sql, Object... params) {
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }
}
