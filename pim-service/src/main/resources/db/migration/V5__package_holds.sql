-- Access packages' holds on directory-role schedules. A schedule is made either by a schedule
-- request (an administrator's adminAssign, a user's selfActivate: source 'request') or by a
-- command of provisioning-service for an access package assignment (source 'package'). Each package
-- assignment that relies on a schedule holds it (one row per assignment): removing a package
-- takes away only its hold, and a schedule made by a request survives it; a schedule made by a
-- request that a package holds too is followed by a package schedule when it ends (docs/pim.md).
alter table role_schedule add column source varchar(10) not null default 'request';

create table role_schedule_package_hold (
    id            uuid         primary key,
    schedule_id   uuid         not null references role_schedule (id),
    -- the access package assignment (PimRoleCommand.assignmentId) and the command that took the hold
    assignment_id uuid         not null,
    command_id    uuid,
    -- when the package's grant ends (null: no end)
    end_at        timestamptz,
    created_at    timestamptz  not null,
    unique (schedule_id, assignment_id)
);
create index role_schedule_package_hold_assignment on role_schedule_package_hold (assignment_id);

-- Schedules made by package commands before this migration: their request was created by the nil
-- user with the justification 'Access package assignment <id>'.
update role_schedule s set source = 'package'
  from role_schedule_request r
 where r.id = s.created_using and r.created_by = '00000000-0000-0000-0000-000000000000';
insert into role_schedule_package_hold (id, schedule_id, assignment_id, command_id, end_at, created_at)
select s.id, s.id, substring(r.justification from 'Access package assignment ([0-9a-fA-F-]{36})')::uuid, null,
       s.end_at, s.created_at
  from role_schedule s join role_schedule_request r on r.id = s.created_using
 where r.created_by = '00000000-0000-0000-0000-000000000000' and s.ended_at is null
   and r.justification ~ 'Access package assignment [0-9a-fA-F-]{36}';

-- One request waiting (for approval, or for an administrator) per principal, role and scope: two
-- activations sent at once cannot both wait (the second is PendingRoleAssignmentRequest). Requests
-- that already wait twice keep the oldest; the others fail.
update role_schedule_request r set status = 'Failed', completed_at = now()
 where r.status in ('PendingApproval', 'PendingAdminDecision')
   and exists (select 1 from role_schedule_request o
                where o.status = r.status and o.kind = r.kind and o.principal_id = r.principal_id
                  and o.role_definition_id = r.role_definition_id
                  and coalesce(o.directory_scope_id, '') = coalesce(r.directory_scope_id, '')
                  and coalesce(o.app_scope_id, '') = coalesce(r.app_scope_id, '')
                  and (o.created_at, o.id) < (r.created_at, r.id));
update role_approval_step s set status = 'Completed'
  from role_schedule_request r
 where r.id = s.request_id and r.status = 'Failed' and s.status = 'InProgress';
create unique index role_schedule_request_one_waiting on role_schedule_request
    (kind, principal_id, role_definition_id, coalesce(directory_scope_id, ''), coalesce(app_scope_id, ''), status)
    where status in ('PendingApproval', 'PendingAdminDecision');
