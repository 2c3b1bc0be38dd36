package dev.tessera.provisioning.adminunit;

import dev.tessera.provisioning.group.DirectoryGroup;
import dev.tessera.provisioning.user.DirectoryUser;
import java.util.UUID;

/** A member of an administrative unit: exactly one of {@code user} and {@code group} is set. */
record UnitMember(UUID id, DirectoryUser user, DirectoryGroup group) {
}
