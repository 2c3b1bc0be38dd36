package dev.tessera.request.catalog;

import java.util.List;

/**
 * catalog-service's answer to "whose assignments may this caller manage and read": {@code all} for an
 * entitlement administrator, else {@code accessPackageIds}, the access packages of the catalogs where
 * they are Catalog owner, Access package manager or Access package assignment manager, and
 * {@code readableAccessPackageIds}, those of every catalog where they hold a catalog role (null from a
 * catalog-service that predates it: then the managed ones).
 */
public record ManagedAccessPackages(boolean all, List<String> accessPackageIds, List<String> readableAccessPackageIds) {
}
