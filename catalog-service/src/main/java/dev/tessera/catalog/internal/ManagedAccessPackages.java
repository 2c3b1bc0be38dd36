package dev.tessera.catalog.internal;

import java.util.List;

/**
 * The access packages whose assignments and requests the caller may manage (adminAdd, adminUpdate,
 * adminRemove, cancel, reprocess) and read: {@code all} for an EM administrator; else
 * {@code accessPackageIds}, the packages of the catalogs where they are Catalog owner, Access
 * package manager or Access package assignment manager, and {@code readableAccessPackageIds}, the
 * packages of every catalog where they hold any catalog role (a Catalog reader too). request-service
 * asks it for its lists; single-package decisions come with the package's {@link RequestContext}.
 */
public record ManagedAccessPackages(boolean all, List<String> accessPackageIds, List<String> readableAccessPackageIds) {
}
