package dev.tessera.catalog.internal;

import java.util.List;

/**
 * The access packages whose assignments and requests a user may manage (adminAdd, adminUpdate,
 * adminRemove, cancel, reprocess) and read through catalog roles: {@code accessPackageIds}, the
 * packages of the catalogs where they are Catalog owner, Access package manager or Access package
 * assignment manager, and {@code readableAccessPackageIds}, the packages of every catalog where they
 * hold any catalog role (a Catalog reader too). An EM administrator or reader (tenant-wide, in the
 * user's token) is request-service's to recognise. request-service asks it for its lists;
 * single-package decisions come with the package's {@link RequestContext}.
 */
public record ManagedAccessPackages(List<String> accessPackageIds, List<String> readableAccessPackageIds) {
}
