-- Approval of activations (Approval_EndUser_Assignment): a request that needs approval waits as
-- PendingApproval with one approval step (SingleStage); its approvers are copied from the policy
-- when the request is made, so a later change of the policy does not move a request under way.
-- The approval's id is the request's id (as Graph's roleAssignmentApprovals).

alter table role_schedule_request add column approval_id uuid;
-- 'Direct', or 'Group' for an activation through a group's eligibility
alter table role_schedule_request add column member_type varchar(12);
-- the eligibility schedule an activation uses (a group's one for memberType Group)
alter table role_schedule_request add column activated_using uuid;
create index role_schedule_request_status on role_schedule_request (status);

create table role_approval_step (
    id                         uuid         primary key,
    request_id                 uuid         not null references role_schedule_request (id),
    display_name               varchar(256),
    -- 'InProgress' until decided; 'Completed' once decided or withdrawn; 'Expired' at the timeout
    status                     varchar(20)  not null,
    -- 'NotReviewed', 'Approved' or 'Denied'
    review_result              varchar(20)  not null,
    reviewed_by                uuid,
    reviewed_at                timestamptz,
    justification              text,
    justification_required     boolean      not null,
    due_at                     timestamptz  not null,
    created_at                 timestamptz  not null
);
create index role_approval_step_request on role_approval_step (request_id);

-- Who may decide a step: a user ('singleUser') or any member of a group ('groupMembers').
create table role_approval_approver (
    step_id      uuid         not null references role_approval_step (id) on delete cascade,
    subject_type varchar(20)  not null,
    object_id    uuid         not null,
    primary key (step_id, subject_type, object_id)
);
create index role_approval_approver_object on role_approval_approver (object_id);
