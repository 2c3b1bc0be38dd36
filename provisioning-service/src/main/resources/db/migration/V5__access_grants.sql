-- Who grants an app-role assignment or a site-role membership: one row per source (an access
-- package assignment id, or 'direct' for what existed before any package delivered it). The
-- underlying row goes only when its last source does, so access something else still grants stays.
create table access_grant (
    kind          varchar(10)   not null check (kind in ('appRole', 'siteRole')),
    resource_id   uuid          not null,
    role_id       varchar(64)   not null,
    principal_id  uuid          not null,
    source        varchar(64)   not null,
    created_at    timestamptz   not null,
    primary key (kind, resource_id, role_id, principal_id, source)
);
create index access_grant_source on access_grant (source);
