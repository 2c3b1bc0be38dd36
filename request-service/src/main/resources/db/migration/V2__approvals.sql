-- Approvals: a request under a policy that requires approval goes through its stages one by one.
-- Approvers are resolved when the request is submitted (single users, group members, the
-- requestor's manager; fallbacks when none resolve) and kept per stage, so deciding, escalating and
-- timing out need no directory lookups.

-- What the grant needs once the last stage approves (package name, catalog, resource roles).
alter table assignment_request add column grant_context text;

create table approval_stage (
    id                     uuid         primary key,
    request_id             uuid         not null references assignment_request (id),
    stage_index            integer      not null,
    -- NotStarted (internal, not shown), InProgress, Completed, Expired
    status                 varchar(20)  not null,
    -- NotReviewed, Approved, Denied
    review_result          varchar(20)  not null,
    required_approvals     integer      not null default 1,
    justification_required boolean      not null,
    deny_after             varchar(40)  not null,
    escalate_after         varchar(40),
    escalated              boolean      not null default false,
    justification          text,
    reviewed_by            uuid,
    reviewed_at            timestamptz,
    started_at             timestamptz,
    constraint approval_stage_order unique (request_id, stage_index)
);

create table approval_approver (
    id          uuid    primary key,
    stage_id    uuid    not null references approval_stage (id),
    approver_id uuid    not null,
    -- false: primary (or fallback primary); true: escalation approver, may decide once escalated
    escalation  boolean not null,
    constraint approval_approver_once unique (stage_id, approver_id, escalation)
);
create index approval_approver_by_person on approval_approver (approver_id);

-- One decision per approver and stage (quorum counts them); a second one is refused by the key.
create table approval_decision (
    id           uuid         primary key,
    stage_id     uuid         not null references approval_stage (id),
    approver_id  uuid         not null,
    decision     varchar(10)  not null,
    justification text,
    decided_at   timestamptz  not null,
    constraint approval_decision_once unique (stage_id, approver_id)
);
