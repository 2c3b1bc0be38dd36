-- Entitlement-management role assignments (roleManagement/entitlementManagement/roleAssignments):
-- a principal (user or group) holds a built-in EM role either tenant-wide (Catalog creator,
-- directory_scope_id '/') or in one catalog (app_scope_id '/AccessPackageCatalog/{id}'). A catalog's
-- assignments go with the catalog.
create table em_role_assignment (
    id                 uuid          primary key,
    principal_id       uuid          not null,
    principal_type     varchar(10)   not null,
    role_definition_id uuid          not null,
    catalog_id         uuid          references catalog (id) on delete cascade,
    app_scope_id       varchar(80),
    directory_scope_id varchar(10),
    created_at         timestamptz   not null,
    check ((catalog_id is null) = (app_scope_id is null)),
    check ((app_scope_id is null) <> (directory_scope_id is null)),
    check (principal_type in ('user', 'group'))
);
-- The same role for the same principal at the same scope once: a second create is a 409.
create unique index em_role_assignment_once
    on em_role_assignment (principal_id, role_definition_id, coalesce(app_scope_id, directory_scope_id));
-- Every catalog-scoped call asks "which roles does this caller hold, in which catalogs".
create index em_role_assignment_principal on em_role_assignment (principal_id, catalog_id);
create index em_role_assignment_catalog on em_role_assignment (catalog_id);
-- "Does any group hold an EM role?" decides whether a caller's group memberships are asked for.
create index em_role_assignment_groups on em_role_assignment (principal_type) where principal_type = 'group';
