package dev.tessera.platform.messaging.events;

import java.util.UUID;

/**
 * One resource role of an access package, as much of it as delivery needs without asking
 * catalog-service: e.g. {@code AadGroup}, role origin id {@code Member_<groupId>}, resource origin id
 * the group id.
 */
public record ResourceRoleRef(
        UUID roleId,
        String roleDisplayName,
        String roleOriginId,
        String originSystem,
        UUID resourceId,
        String resourceOriginId,
        String scopeOriginId) {
}
