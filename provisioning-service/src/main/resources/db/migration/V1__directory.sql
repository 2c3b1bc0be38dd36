-- The directory: users, groups and who belongs to which group through which source, plus the
-- delivery ledger (one row per access-package assignment x resource role).

create table directory_user (
    id                   uuid         primary key,
    display_name         varchar(256) not null,
    user_principal_name  varchar(113) not null,
    mail_nickname        varchar(64)  not null,
    mail                 varchar(256),
    given_name           varchar(64),
    surname              varchar(64),
    job_title            varchar(128),
    department           varchar(64),
    office_location      varchar(128),
    mobile_phone         varchar(64),
    employee_id          varchar(16),
    user_type            varchar(10)  not null,
    account_enabled      boolean,
    created_date_time    timestamptz  not null
);

-- Graph treats both as case-insensitive and unique across users; the service checks first for a
-- friendly error, these indexes settle races.
create unique index directory_user_upn_unique on directory_user (lower(user_principal_name));
create unique index directory_user_mail_nickname_unique on directory_user (lower(mail_nickname));

create table directory_group (
    id                     uuid         primary key,
    display_name           varchar(256) not null,
    description            varchar(1024),
    mail_nickname          varchar(64)  not null,
    mail                   varchar(256),
    mail_enabled           boolean      not null,
    security_enabled       boolean      not null,
    -- groupTypes ('Unified', 'DynamicMembership'), comma-separated; never filtered on in SQL.
    group_types            varchar(100) not null default '',
    is_assignable_to_role  boolean      not null,
    visibility             varchar(20),
    created_date_time      timestamptz  not null
);

-- A membership exists once per source: 'direct' for a $ref add, or the access-package assignment id
-- that delivered it. The effective membership is the union over sources, so removing one source
-- (a $ref delete, an assignment's removal) leaves the membership while another source holds it.
create table group_membership (
    group_id      uuid        not null references directory_group (id) on delete cascade,
    member_id     uuid        not null references directory_user (id) on delete cascade,
    relationship  varchar(10) not null check (relationship in ('member', 'owner')),
    source        varchar(64) not null,
    created_at    timestamptz not null,
    primary key (group_id, member_id, relationship, source)
);

create index group_membership_member on group_membership (member_id, relationship);
create index group_membership_source on group_membership (source);

-- No foreign keys: the ledger is the history of what was delivered, and outlives users and groups.
create table delivery_ledger (
    assignment_id       uuid         not null,
    role_id             uuid         not null,
    access_package_id   uuid,
    role_display_name   varchar(256),
    origin_system       varchar(64),
    resource_origin_id  varchar(256),
    role_origin_id      varchar(256),
    target_id           uuid,
    status              varchar(10)  not null check (status in ('delivered', 'failed', 'removed')),
    error               varchar(1024),
    requested_at        timestamptz,
    started_at          timestamptz,
    delivered_at        timestamptz,
    failed_at           timestamptz,
    removed_at          timestamptz,
    primary key (assignment_id, role_id)
);

-- Catalog changes (a role added to a package) look up a package's assignees here.
create index delivery_ledger_package on delivery_ledger (access_package_id);
