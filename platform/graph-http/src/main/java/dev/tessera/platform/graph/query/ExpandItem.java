package dev.tessera.platform.graph.query;

/** One {@code $expand} item, with its nested options: {@code resourceRoleScopes($expand=role,scope)}. */
public record ExpandItem(String name, QueryOptions nested) {
}
