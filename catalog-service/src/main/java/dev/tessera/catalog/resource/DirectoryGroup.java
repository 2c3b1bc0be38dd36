package dev.tessera.catalog.resource;

/** The part of a directory group catalog-service needs when the group becomes a catalog resource. */
public record DirectoryGroup(String id, String displayName, String description) {
}
