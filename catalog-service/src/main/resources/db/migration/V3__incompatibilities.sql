-- Separation of duties: an access package names packages and groups whose holders may not have it.
-- Both directions count (whoever holds either package cannot request the other).
create table incompatible_access_package (
    access_package_id              uuid        not null references access_package (id) on delete cascade,
    incompatible_access_package_id uuid        not null references access_package (id) on delete cascade,
    created_at                     timestamptz not null,
    primary key (access_package_id, incompatible_access_package_id),
    check (access_package_id <> incompatible_access_package_id)
);
create index incompatible_access_package_reverse on incompatible_access_package (incompatible_access_package_id);

-- The group's display name is kept from when it was added (the directory owns the group).
create table incompatible_group (
    access_package_id uuid         not null references access_package (id) on delete cascade,
    group_id          uuid         not null,
    display_name      varchar(256),
    created_at        timestamptz  not null,
    primary key (access_package_id, group_id)
);
