package dev.tessera.catalog.role;

/** What a caller wants to do in a catalog; {@link CatalogPermissions} says which roles may. */
public enum CatalogAction {
    /** Read the catalog and everything in it: resources, roles, packages, scopes, policies, requests. */
    READ,
    /** Change or delete the catalog itself. */
    EDIT_CATALOG,
    /** Add, change or remove the catalog's resources (resourceRequests). */
    MANAGE_RESOURCES,
    /** Create, change and delete access packages, their resource role scopes, incompatibilities and policies. */
    MANAGE_PACKAGES,
    /** Direct assignments of the catalog's packages: adminAdd/adminUpdate/adminRemove, their requests. */
    MANAGE_ASSIGNMENTS,
    /** Assign and remove the catalog-scoped roles of this catalog. */
    MANAGE_ROLES
}
