package dev.tessera.provisioning.adminunit;

import dev.tessera.provisioning.group.DirectoryGroup;
import dev.tessera.provisioning.user.UserJson;
import java.util.UUID;

/**
 * A member of an administrative unit: exactly one of {@code user} (as the caller may see it) and
 * {@code group} is set.
 */
record UnitMember(UUID id, UserJson user, DirectoryGroup group) {
}
