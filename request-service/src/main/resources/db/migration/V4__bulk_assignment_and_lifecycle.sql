-- Bulk assignment (assignments/tessera.assignGroupMembers): one job per call, one row per group
-- member. Everything a chunk needs is kept on the job (the policy and the grant context as read at
-- submission), so chunks run from a durable timer without the caller's token and resume after a restart.
create table bulk_assignment_job (
    id                   uuid         primary key,
    access_package_id    uuid         not null,
    assignment_policy_id uuid         not null,
    group_id             uuid         not null,
    requestor_object_id  uuid         not null,
    justification        text,
    -- running, completed, failed
    status               varchar(20)  not null,
    total                integer      not null,
    done                 integer      not null default 0,
    created              integer      not null default 0,
    skipped              integer      not null default 0,
    failed               integer      not null default 0,
    policy               text         not null,
    grant_context        text         not null,
    created_at           timestamptz  not null,
    completed_at         timestamptz
);

create table bulk_assignment_member (
    id         uuid         primary key,
    job_id     uuid         not null references bulk_assignment_job (id),
    member_id  uuid         not null,
    -- pending, created, skipped, failed
    status     varchar(20)  not null,
    reason     text,
    request_id uuid,
    -- each member at most once per job, however often a chunk is retried
    constraint bulk_assignment_member_once unique (job_id, member_id)
);
create index bulk_assignment_member_pending on bulk_assignment_member (job_id, member_id) where status = 'pending';

-- Lifecycle rules: request-service's own view of the directory, built from tessera.directory.events
-- (the last reported value of each user attribute, and group memberships), so automatic-assignment
-- rules are evaluated without calling provisioning-service.
create table directory_user (
    object_id  uuid         primary key,
    attributes text         not null,
    deleted    boolean      not null default false,
    updated_at timestamptz  not null
);

create table directory_membership (
    group_id  uuid not null,
    member_id uuid not null,
    primary key (group_id, member_id)
);
create index directory_membership_member on directory_membership (member_id);

-- Auto-assignment policies already reconciled against every known user, by the version of their
-- rules: a new or changed policy is reconciled once.
create table automatic_policy_seen (
    policy_id     uuid         primary key,
    fingerprint   varchar(64)  not null,
    reconciled_at timestamptz  not null
);
