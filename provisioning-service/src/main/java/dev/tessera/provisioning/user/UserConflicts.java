package dev.tessera.provisioning.user;

import dev.tessera.platform.graph.GraphException;
import io.vertx.pgclient.PgException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Graph's answer when a userPrincipalName or mailNickname is taken. The service checks before
 * writing; the unique indexes catch the race between two concurrent creates, and their violation
 * is translated to the same answer here.
 */
final class UserConflicts {

    static final String UPN_INDEX = "directory_user_upn_unique";
    static final String MAIL_NICKNAME_INDEX = "directory_user_mail_nickname_unique";

    private UserConflicts() {
    }

    static GraphException taken(String property) {
        return new GraphException(400, "Request_BadRequest",
                "Another object with the same value for property " + property + " already exists.", property);
    }

    /** The conflict found among existing holders of the values, if any. */
    static Optional<GraphException> among(List<DirectoryUser> holders, String userPrincipalName, String mailNickname) {
        for (DirectoryUser holder : holders) {
            if (holder.userPrincipalName.equalsIgnoreCase(userPrincipalName)) {
                return Optional.of(taken("userPrincipalName"));
            }
            if (holder.mailNickname.equalsIgnoreCase(mailNickname)) {
                return Optional.of(taken("mailNickname"));
            }
        }
        return Optional.empty();
    }

    static boolean isUniqueViolation(Throwable failure) {
        return property(failure).isPresent();
    }

    static GraphException toGraph(Throwable failure) {
        return taken(property(failure).orElseThrow());
    }

    private static Optional<String> property(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String constraint = t instanceof PgException pg && "23505".equals(pg.getSqlState()) ? pg.getConstraint()
                    : t instanceof org.hibernate.exception.ConstraintViolationException cv ? cv.getConstraintName()
                    : null;
            String text = (constraint != null ? constraint : String.valueOf(t.getMessage())).toLowerCase(Locale.ROOT);
            if (text.contains(UPN_INDEX)) {
                return Optional.of("userPrincipalName");
            }
            if (text.contains(MAIL_NICKNAME_INDEX)) {
                return Optional.of("mailNickname");
            }
        }
        return Optional.empty();
    }
}
