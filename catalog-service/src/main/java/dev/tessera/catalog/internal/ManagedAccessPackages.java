package dev.tessera.catalog.internal;

import java.util.List;

/**
 * The access packages whose assignments the caller may manage (adminAdd, adminUpdate, adminRemove,
 * reading their requests and assignments): {@code all} for an EM administrator, else the packages
 * of the catalogs where they are Catalog owner, Access package manager or Access package
 * assignment manager.
 */
public record ManagedAccessPackages(boolean all, List<String> accessPackageIds) {
}
