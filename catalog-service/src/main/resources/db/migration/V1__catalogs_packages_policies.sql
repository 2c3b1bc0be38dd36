create table catalog (
    id                    uuid          primary key,
    display_name          varchar(256)  not null,
    description           varchar(1024),
    catalog_type          varchar(30)   not null,
    state                 varchar(30)   not null,
    is_externally_visible boolean       not null,
    created_at            timestamptz   not null,
    modified_at           timestamptz   not null
);

-- The built-in catalog every tenant has; it cannot be deleted.
insert into catalog values ('4a8f1b9c-0000-4000-8000-000000000001', 'General', 'Built-in catalog.',
    'serviceDefault', 'published', true, now(), now());

create table catalog_resource (
    id            uuid          primary key,
    catalog_id    uuid          not null references catalog (id),
    display_name  varchar(256)  not null,
    description   varchar(1024),
    origin_id     varchar(512)  not null,
    origin_system varchar(40)   not null,
    created_at    timestamptz   not null,
    modified_at   timestamptz   not null,
    unique (catalog_id, origin_system, origin_id)
);

create table resource_role (
    id            uuid          primary key,
    resource_id   uuid          not null references catalog_resource (id) on delete cascade,
    catalog_id    uuid          not null,
    display_name  varchar(256)  not null,
    description   varchar(1024),
    origin_id     varchar(512)  not null,
    origin_system varchar(40)   not null,
    created_at    timestamptz   not null
);
create index resource_role_catalog on resource_role (catalog_id);

create table resource_scope (
    id            uuid          primary key,
    resource_id   uuid          not null references catalog_resource (id) on delete cascade,
    catalog_id    uuid          not null,
    display_name  varchar(256)  not null,
    description   varchar(1024),
    origin_id     varchar(512)  not null,
    origin_system varchar(40)   not null,
    is_root_scope boolean       not null,
    created_at    timestamptz   not null
);

create table resource_request (
    id           uuid         primary key,
    catalog_id   uuid         not null,
    resource_id  uuid,
    request_type varchar(30)  not null,
    state        varchar(30)  not null,
    created_at   timestamptz  not null
);

create table access_package (
    id           uuid          primary key,
    catalog_id   uuid          not null references catalog (id),
    display_name varchar(256)  not null,
    description  varchar(1024),
    is_hidden    boolean       not null,
    created_at   timestamptz   not null,
    modified_at  timestamptz   not null
);
create index access_package_catalog on access_package (catalog_id);

create table resource_role_scope (
    id                varchar(80)  not null,
    access_package_id uuid         not null references access_package (id) on delete cascade,
    role_id           uuid         not null references resource_role (id),
    scope_id          uuid         not null references resource_scope (id),
    created_at        timestamptz  not null,
    primary key (access_package_id, id)
);

-- The policy's settings are kept as the Graph JSON document they were accepted as (normalised).
create table assignment_policy (
    id                   uuid          primary key,
    access_package_id    uuid          not null references access_package (id),
    catalog_id           uuid          not null,
    display_name         varchar(256)  not null,
    description          varchar(1024),
    allowed_target_scope varchar(60)   not null,
    document             text          not null,
    created_at           timestamptz   not null,
    modified_at          timestamptz   not null
);
create index assignment_policy_package on assignment_policy (access_package_id);
