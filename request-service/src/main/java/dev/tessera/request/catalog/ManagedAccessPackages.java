package dev.tessera.request.catalog;

import java.util.List;

/**
 * catalog-service's answer to "whose assignments may this caller manage": {@code all} for an
 * entitlement administrator, else the access packages of the catalogs where they are Catalog owner,
 * Access package manager or Access package assignment manager.
 */
public record ManagedAccessPackages(boolean all, List<String> accessPackageIds) {
}
