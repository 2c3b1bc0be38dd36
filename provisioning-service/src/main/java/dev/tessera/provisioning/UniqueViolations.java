package dev.tessera.provisioning;

import io.vertx.pgclient.PgException;
import java.util.Locale;

/**
 * Recognises the violation of one named unique index or key. Services check before writing so the
 * client gets a friendly answer; the index settles the race between two concurrent writes, and its
 * violation must become the same answer, not a 500.
 */
public final class UniqueViolations {

    private UniqueViolations() {
    }

    public static boolean of(Throwable failure, String constraint) {
        String wanted = constraint.toLowerCase(Locale.ROOT);
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                String named = pg.getConstraint() != null ? pg.getConstraint() : String.valueOf(pg.getMessage());
                return named.toLowerCase(Locale.ROOT).contains(wanted);
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException cv
                    && cv.getConstraintName() != null) {
                return cv.getConstraintName().toLowerCase(Locale.ROOT).contains(wanted);
            }
        }
        return false;
    }
}
