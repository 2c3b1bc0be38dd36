-- Issue 17: the directory roles each user holds, as pim-service last published them on the compacted
-- tessera.pim.roles topic (EffectiveRolesChanged), and the members of the role-assignable groups that
-- hold (or held) active role assignments, kept from tessera.directory.events so that no timer or
-- consumer has to ask the directory who is in a group.

-- One row per principal (user) that ever held a role: the version and the whole set last published.
-- A transaction that changes a user's roles locks this row (select ... for update), so two changes of
-- the same user publish consecutive versions and neither is lost.
create table effective_roles (
    principal_id uuid        primary key,
    version      bigint      not null,
    -- JSON array of HeldDirectoryRole, as published
    roles        text        not null,
    changed_at   timestamptz not null
);

-- Groups whose members pim-service follows: filled from the directory when the group gets its first
-- active assignment, then kept from groupMemberAdded / groupMemberRemoved / groupDeleted / userDeleted.
create table role_group_tracked (
    group_id   uuid        primary key,
    filled_at  timestamptz not null
);

create table role_group_member (
    group_id  uuid not null references role_group_tracked (group_id) on delete cascade,
    member_id uuid not null,
    primary key (group_id, member_id)
);
create index role_group_member_member on role_group_member (member_id);
