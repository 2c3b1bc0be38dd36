package dev.tessera.platform.graph;

import java.sql.SQLException;

/**
 * Recognises database failures that mean "this already exists" (SQLSTATE 23505), so services can
 * answer them as a conflict instead of a 500. Constraint checks at commit time arrive wrapped, and
 * sometimes only as suppressed exceptions of the rollback, so the whole chain is searched.
 */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    public static boolean isUniqueViolation(Throwable failure) {
        return hasState(failure, "23505", 0);
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
        for (Throwable suppressed : t.getSuppressed()) {
            if (hasState(suppressed, state, depth + 1)) {
                return true;
            }
        }
        return t.getCause() != t && hasState(t.getCause(), state, depth + 1);
    }
}
