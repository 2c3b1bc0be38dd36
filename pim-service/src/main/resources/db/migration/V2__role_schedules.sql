-- PIM for directory roles: schedule requests (what was asked, and its outcome) and the schedules
-- they create (eligible and active role assignments). Instances are the schedules in force.

create table role_schedule_request (
    id                 uuid         primary key,
    -- 'assignment' (roleAssignmentScheduleRequests) or 'eligibility' (roleEligibilityScheduleRequests)
    kind               varchar(12)  not null,
    action             varchar(30)  not null,
    status             varchar(30)  not null,
    principal_id       uuid         not null,
    role_definition_id varchar(64)  not null,
    directory_scope_id varchar(300),
    app_scope_id       varchar(300),
    justification      text,
    ticket_number      varchar(200),
    ticket_system      varchar(200),
    start_at           timestamptz,
    expiration_type    varchar(20),
    end_at             timestamptz,
    duration           varchar(40),
    is_validation_only boolean      not null,
    target_schedule_id uuid,
    created_by         uuid         not null,
    created_at         timestamptz  not null,
    completed_at       timestamptz
);
create index role_schedule_request_principal on role_schedule_request (principal_id);

create table role_schedule (
    id                 uuid         primary key,
    kind               varchar(12)  not null,
    principal_id       uuid         not null,
    role_definition_id varchar(64)  not null,
    directory_scope_id varchar(300),
    app_scope_id       varchar(300),
    -- assignment schedules: 'Assigned' (admin) or 'Activated' (selfActivate of an eligibility)
    assignment_type    varchar(12),
    member_type        varchar(12)  not null,
    -- 'Granted' until it starts, then 'Provisioned'; 'Revoked' / 'Expired' once ended
    status             varchar(30)  not null,
    start_at           timestamptz  not null,
    end_at             timestamptz,
    expiration_type    varchar(20)  not null,
    duration           varchar(40),
    created_using      uuid         not null,
    activated_using    uuid,
    created_at         timestamptz  not null,
    modified_at        timestamptz  not null,
    ended_at           timestamptz
);

-- One live schedule per kind, principal, role and scope: a second one is RoleAssignmentExists.
create unique index role_schedule_one_live on role_schedule
    (kind, principal_id, role_definition_id, coalesce(directory_scope_id, ''), coalesce(app_scope_id, ''))
    where ended_at is null;
create index role_schedule_principal on role_schedule (principal_id);
