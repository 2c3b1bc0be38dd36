package dev.tessera.common.roles;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a service learns the directory roles a principal holds in Tessera right now: a local view kept
 * from pim-service's {@code tessera.pim.effectiveRolesChanged.v1} events (docs/pim.md, "Where a caller's
 * roles come from"), never a call to pim-service per request.
 */
public interface DirectoryRoleSource {

    /** The roles in force for the principal (a user's object id) at {@code now}; empty when none or unknown. */
    List<HeldDirectoryRole> rolesOf(UUID principalId, Instant now);

    /** True once the view has caught up with what was published before the service started. */
    boolean isReady();
}
