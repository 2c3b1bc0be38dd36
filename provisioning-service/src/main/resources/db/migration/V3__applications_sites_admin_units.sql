-- Applications (service principals) with their app roles and who holds them, sites with their three
-- associated roles and who is in them, and administrative units with their members.

create table service_principal (
    id                 uuid          primary key,
    -- Canonical lower-case GUID text, so $filter can use startswith on it.
    app_id             varchar(36)   not null,
    display_name       varchar(256)  not null,
    description        varchar(1024),
    account_enabled    boolean       not null,
    created_date_time  timestamptz   not null
);

create unique index service_principal_app_id_unique on service_principal (app_id);

-- The app roles a service principal publishes, in the order the client sent them.
create table app_role (
    service_principal_id  uuid          not null references service_principal (id) on delete cascade,
    id                    uuid          not null,
    sort_order            int           not null,
    display_name          varchar(256)  not null,
    description           varchar(1024),
    role_value            varchar(256),
    is_enabled            boolean       not null,
    -- 'User' and/or 'Application', comma-separated; never filtered on in SQL.
    allowed_member_types  varchar(40)   not null,
    primary key (service_principal_id, id)
);

create unique index app_role_value_unique on app_role (service_principal_id, role_value)
    where role_value is not null;

-- Who holds which app role. No foreign key to app_role: the default role (all zeros) is not a row.
-- The principal is a user or a group; its own column carries the foreign key, so deleting the
-- principal deletes its assignments.
create table app_role_assignment (
    id                 uuid         primary key,
    resource_id        uuid         not null references service_principal (id) on delete cascade,
    app_role_id        uuid         not null,
    principal_id       uuid         not null,
    principal_type     varchar(10)  not null,
    user_id            uuid         references directory_user (id) on delete cascade,
    group_id           uuid         references directory_group (id) on delete cascade,
    created_date_time  timestamptz  not null,
    constraint app_role_assignment_principal_check check (
        (principal_type = 'User' and user_id = principal_id and group_id is null)
        or (principal_type = 'Group' and group_id = principal_id and user_id is null))
);

-- One assignment per principal and app role; the service checks first, this settles races.
create unique index app_role_assignment_unique on app_role_assignment (resource_id, app_role_id, principal_id);
create index app_role_assignment_principal on app_role_assignment (principal_id);

create table site (
    id                 uuid          primary key,
    display_name       varchar(256)  not null,
    name               varchar(256)  not null,
    -- Stored without a trailing slash; unique whatever its case.
    web_url            varchar(2048) not null,
    description        varchar(1024),
    created_date_time  timestamptz   not null
);

create unique index site_web_url_unique on site (lower(web_url));

-- SharePoint's associated groups of a site: "3" Owners, "4" Members, "5" Visitors.
create table site_role (
    site_id       uuid          not null references site (id) on delete cascade,
    id            varchar(16)   not null,
    -- The site's displayName and " Owners" / " Members" / " Visitors".
    display_name  varchar(300)  not null,
    description   varchar(1024),
    primary key (site_id, id)
);

create table site_role_member (
    site_id     uuid         not null,
    role_id     varchar(16)  not null,
    user_id     uuid         not null references directory_user (id) on delete cascade,
    created_at  timestamptz  not null,
    primary key (site_id, role_id, user_id),
    foreign key (site_id, role_id) references site_role (site_id, id) on delete cascade
);

create index site_role_member_user on site_role_member (user_id);

create table administrative_unit (
    id                 uuid          primary key,
    display_name       varchar(256)  not null,
    description        varchar(1024),
    visibility         varchar(20)   check (visibility in ('Public', 'HiddenMembership')),
    created_date_time  timestamptz   not null
);

-- Members are users or groups, each through its own foreign key (as for app role assignments).
create table administrative_unit_member (
    administrative_unit_id  uuid         not null references administrative_unit (id) on delete cascade,
    member_id               uuid         not null,
    member_type             varchar(10)  not null,
    user_id                 uuid         references directory_user (id) on delete cascade,
    group_id                uuid         references directory_group (id) on delete cascade,
    created_at              timestamptz  not null,
    primary key (administrative_unit_id, member_id),
    constraint administrative_unit_member_check check (
        (member_type = 'User' and user_id = member_id and group_id is null)
        or (member_type = 'Group' and group_id = member_id and user_id is null))
);

create index administrative_unit_member_member on administrative_unit_member (member_id);
