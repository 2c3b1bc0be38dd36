package dev.tessera.provisioning;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.provisioning.user.DirectoryUser;
import dev.tessera.provisioning.user.UserJson;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What one caller may read of the directory, as Entra's default permissions say: administrators,
 * directory readers and app-only tokens with a read permission read everything; members read every
 * object and other users' basic profile; guests read only themselves and the groups they are members
 * of. Callers who are not directory users get no reader at all ({@link DirectoryAccess#reader()}).
 *
 * @param standing which of those the caller is
 * @param self     the caller's object id
 * @param sensitive whether every user's properties beyond the basic profile are shown
 */
public record DirectoryReader(Standing standing, UUID self, boolean sensitive) {

    public enum Standing {
        EVERYTHING,
        MEMBER,
        GUEST
    }

    /** The basic profile, which any member may read of any user (Entra's User.ReadBasic.All set). */
    public static final Set<String> BASIC_USER_PROPERTIES = Set.of("id", "displayname", "givenname", "surname",
            "mail", "userprincipalname", "usertype");

    public boolean isGuest() {
        return standing == Standing.GUEST;
    }

    /** Guests may not read this (another user's manager, service principals, sites, units, group members). */
    public void requireMember() {
        if (isGuest()) {
            throw DirectoryAccess.denied();
        }
    }

    /**
     * A guest reads only their own user object. Checked before the user is looked up, so a guest
     * cannot tell whether another id exists.
     */
    public void requireMayReadUser(UUID userId) {
        if (isGuest() && !self.equals(userId)) {
            throw DirectoryAccess.denied();
        }
    }

    /** For user lists: the only user a guest sees (themselves); null for everyone else. */
    public UUID onlyUser() {
        return isGuest() ? self : null;
    }

    /** For group lists: guests see the groups they are members of; null for everyone else. */
    public UUID onlyGroupsOf() {
        return isGuest() ? self : null;
    }

    /** The user as this caller may see it: every property, or the basic profile only. */
    public UserJson show(DirectoryUser user) {
        return sensitive || user.id.equals(self) ? UserJson.of(user) : UserJson.basic(user);
    }

    /**
     * A {@code $filter} on users may only compare properties this caller may read of everyone;
     * otherwise filtering would tell a member another user's phone number or employee id.
     */
    public void checkUserFilter(Optional<FilterExpr> filter) {
        if (sensitive || filter.isEmpty()) {
            return;
        }
        properties(filter.get(), name -> {
            if (!BASIC_USER_PROPERTIES.contains(name.toLowerCase(Locale.ROOT))) {
                throw new GraphException(403, "accessDenied", "Insufficient privileges to filter "
                        + "users on property '" + name + "'.", "$filter");
            }
        });
    }

    private static void properties(FilterExpr expr, java.util.function.Consumer<String> each) {
        if (expr instanceof FilterExpr.And and) {
            properties(and.left(), each);
            properties(and.right(), each);
        } else if (expr instanceof FilterExpr.Or or) {
            properties(or.left(), each);
            properties(or.right(), each);
        } else if (expr instanceof FilterExpr.Not not) {
            properties(not.operand(), each);
        } else if (expr instanceof FilterExpr.Compare compare) {
            properties(compare.left(), each);
            properties(compare.right(), each);
        } else if (expr instanceof FilterExpr.In in) {
            properties(in.operand(), each);
        } else if (expr instanceof FilterExpr.Call call) {
            call.args().forEach(arg -> properties(arg, each));
        } else if (expr instanceof FilterExpr.Property property) {
            each.accept(property.path().get(0));
        }
    }
}
