package dev.tessera.platform.messaging.roles;

import dev.tessera.common.roles.DirectoryRoleSource;
import dev.tessera.common.roles.HeldDirectoryRole;
import dev.tessera.platform.messaging.events.EffectiveRolesChanged;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This service's view of who holds which directory role in Tessera: the latest
 * {@link EffectiveRolesChanged} per principal (docs/pim.md, "Where a caller's roles come from"). A record
 * older than the one held (lower {@code version}) is ignored, so a replay or a late duplicate changes
 * nothing; a role whose end has passed by the caller's clock no longer counts even before the record
 * that ends it arrives. {@link EffectiveRolesLoader} fills it from {@code tessera.pim.roles}; until it has
 * read that topic up to where it ended at start, the view is not ready and answers no roles (a partly
 * read topic may still show a role that a later record removed), so a caller's roles then come from
 * their token alone (per {@code tessera.authorization.token-directory-roles}) and readiness is DOWN.
 */
@ApplicationScoped
public class EffectiveRolesView implements DirectoryRoleSource {

    private final Map<UUID, EffectiveRolesChanged> byPrincipal = new ConcurrentHashMap<>();

    private volatile boolean ready;

    /** Takes a principal's new state unless the view already holds a newer one. */
    public void apply(EffectiveRolesChanged state) {
        if (state == null || state.principalId() == null) {
            return;
        }
        byPrincipal.merge(state.principalId(), state,
                (held, incoming) -> incoming.version() > held.version() ? incoming : held);
    }

    @Override
    public List<HeldDirectoryRole> rolesOf(UUID principalId, Instant now) {
        if (!ready) {
            return List.of();
        }
        EffectiveRolesChanged state = principalId == null ? null : byPrincipal.get(principalId);
        if (state == null || state.roles() == null) {
            return List.of();
        }
        return state.roles().stream().filter(role -> role.inForce(now)).toList();
    }

    /** A tombstone on the compacted topic: the principal holds nothing in Tessera any more. */
    public void forget(UUID principalId) {
        if (principalId != null) {
            byPrincipal.remove(principalId);
        }
    }

    /** The principals this view holds a state for (a copy). */
    public java.util.Set<UUID> principals() {
        return java.util.Set.copyOf(byPrincipal.keySet());
    }

    /** How many principals the view holds a state for. */
    public int size() {
        return byPrincipal.size();
    }

    /** The latest state held for the principal (with roles that have ended), or null. */
    public EffectiveRolesChanged stateOf(UUID principalId) {
        return principalId == null ? null : byPrincipal.get(principalId);
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    protected void ready(boolean ready) {
        this.ready = ready;
    }
}
