-- Connected organizations: partner organizations whose users may request access packages.
create table connected_organization (
    id           uuid          primary key,
    display_name varchar(256)  not null,
    description  varchar(1024),
    state        varchar(30)   not null,
    created_at   timestamptz   not null,
    modified_at  timestamptz   not null
);

-- The identity sources of an organization, fixed at creation, in the order they were given.
-- A domain or a tenant belongs to at most one organization; the partial unique indexes hold that
-- under concurrent creates, whatever the source type that names it.
create table connected_organization_identity_source (
    id                        uuid          primary key,
    connected_organization_id uuid          not null references connected_organization (id) on delete cascade,
    position                  integer       not null,
    source_type               varchar(60)   not null,
    display_name              varchar(256),
    domain_name               varchar(253),
    tenant_id                 uuid,
    issuer_uri                varchar(2048),
    cloud_instance            varchar(256),
    unique (connected_organization_id, position),
    check (domain_name is null or domain_name = lower(domain_name))
);
create unique index identity_source_domain on connected_organization_identity_source (domain_name)
    where domain_name is not null;
create unique index identity_source_tenant on connected_organization_identity_source (tenant_id)
    where tenant_id is not null;

-- internalSponsors and externalSponsors: users, by object id.
create table connected_organization_sponsor (
    connected_organization_id uuid         not null references connected_organization (id) on delete cascade,
    sponsor_type              varchar(10)  not null,
    user_id                   uuid         not null,
    created_at                timestamptz  not null,
    primary key (connected_organization_id, sponsor_type, user_id),
    check (sponsor_type in ('internal', 'external'))
);

-- entitlementManagementSettings: a singleton, created here with Graph's defaults and a fixed id.
create table entitlement_management_settings (
    id                                 uuid         primary key,
    external_user_lifecycle_action     varchar(30)  not null,
    duration_until_deleted_after_block varchar(40)  not null,
    modified_at                        timestamptz  not null
);
insert into entitlement_management_settings values ('4a8f1b9c-0000-4000-8000-000000000002', 'none', 'P30D', now());
