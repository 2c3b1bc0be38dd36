package dev.tessera.request.catalog;

import java.util.List;

/**
 * catalog-service's answer to "whose assignments may this user manage and read through catalog roles":
 * {@code accessPackageIds}, the access packages of the catalogs where they are Catalog owner, Access
 * package manager or Access package assignment manager, and {@code readableAccessPackageIds}, those of
 * every catalog where they hold a catalog role (null from a catalog-service that predates it: then the
 * managed ones). Tenant-wide roles are the token's, judged by {@link AssignmentAuthority} first.
 */
public record ManagedAccessPackages(List<String> accessPackageIds, List<String> readableAccessPackageIds) {
}
