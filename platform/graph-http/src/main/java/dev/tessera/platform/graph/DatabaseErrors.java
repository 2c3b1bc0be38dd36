package dev.tessera.platform.graph;

import dev.tessera.common.Unavailability;
import java.sql.SQLException;

/**
 * Recognises database failures that mean "this already exists" (SQLSTATE 23505) or "try again"
 * (deadlock, serialization failure), so services can answer them as a conflict instead of a 500. Constraint checks at commit time arrive wrapped, and
 * sometimes only as suppressed exceptions of the rollback, so the whole chain is searched.
 */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    public static boolean isUniqueViolation(Throwable failure) {
        return hasState(failure, "23505", 0);
    }

    /**
     * A deadlock (40P01) or serialization failure (40001): PostgreSQL rolled the transaction back and
     * running it again may well succeed. Never an answer for a client: retry, or answer 409.
     */
    public static boolean isTransientConflict(Throwable failure) {
        return hasState(failure, "40P01", 0) || hasState(failure, "40001", 0);
    }

    /** Whether the failure carries this SQLSTATE anywhere in its chain, e.g. one a trigger raises. */
    public static boolean hasState(Throwable failure, String sqlState) {
        return hasState(failure, sqlState, 0);
    }

    private static boolean hasState(Throwable t, String state, int depth) {
        if (t == null || depth > 20) {
            return false;
        }
        if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
            return true;
        }
        if (state.equals(driverState(t))) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (hasState(suppressed, state, depth + 1)) {
                return true;
            }
        }
        return t.getCause() != t && hasState(t.getCause(), state, depth + 1);
    }

    /** The reactive driver's SQLSTATE (Vert.x PgException's getSqlState()); JDBC's is read above. */
    private static String driverState(Throwable t) {
        return t instanceof SQLException ? null : Unavailability.sqlState(t);
    }
}
