-- Graph's employeeHireDate and employeeLeaveDateTime: what joiner and leaver workflows trigger on.
alter table directory_user add column employee_hire_date timestamptz;
alter table directory_user add column employee_leave_date_time timestamptz;

-- Lifecycle workflows (Graph identityGovernance/lifecycleWorkflows). The execution conditions and the
-- tasks are kept as Graph's JSON; every change to them makes a new version (lifecycle_workflow_version).
create table lifecycle_workflow (
    id                        uuid         primary key,
    display_name              text         not null,
    description               text,
    category                  text         not null,
    is_enabled                boolean      not null,
    is_scheduling_enabled     boolean      not null,
    execution_conditions      text         not null,
    tasks                     text         not null,
    version                   integer      not null,
    version_created_date_time timestamptz  not null,
    created_date_time         timestamptz  not null,
    last_modified_date_time   timestamptz  not null
);

create table lifecycle_workflow_version (
    id                        uuid         primary key,
    workflow_id               uuid         not null references lifecycle_workflow (id) on delete cascade,
    version_number            integer      not null,
    display_name              text         not null,
    description               text,
    category                  text         not null,
    execution_conditions      text         not null,
    tasks                     text         not null,
    created_date_time         timestamptz  not null,
    unique (workflow_id, version_number)
);

-- One run: an on-demand activation or one scheduled evaluation that found users to process.
create table lifecycle_run (
    id                        uuid         primary key,
    workflow_id               uuid         not null references lifecycle_workflow (id) on delete cascade,
    workflow_version          integer      not null,
    workflow_execution_type   text         not null,
    scheduled_date_time       timestamptz  not null,
    started_date_time         timestamptz,
    completed_date_time       timestamptz,
    last_updated_date_time    timestamptz  not null
);

create index lifecycle_run_workflow on lifecycle_run (workflow_id);

create table lifecycle_user_result (
    id                        uuid         primary key,
    run_id                    uuid         not null references lifecycle_run (id) on delete cascade,
    workflow_id               uuid         not null,
    workflow_version          integer      not null,
    workflow_execution_type   text         not null,
    subject_id                uuid         not null,
    processing_status         text         not null,
    scheduled_date_time       timestamptz  not null,
    started_date_time         timestamptz,
    completed_date_time       timestamptz
);

create index lifecycle_user_result_run on lifecycle_user_result (run_id);
create index lifecycle_user_result_workflow on lifecycle_user_result (workflow_id);
-- A scheduled evaluation processes a user once per workflow version.
create unique index lifecycle_user_result_scheduled_once on lifecycle_user_result (workflow_id, workflow_version, subject_id)
    where workflow_execution_type = 'scheduled';

create table lifecycle_task_result (
    id                        uuid         primary key,
    user_result_id            uuid         not null references lifecycle_user_result (id) on delete cascade,
    position                  integer      not null,
    task                      text         not null,
    processing_status         text         not null,
    failure_reason            text,
    request_ids               text,
    created_date_time         timestamptz  not null,
    started_date_time         timestamptz,
    completed_date_time       timestamptz
);

create index lifecycle_task_result_user on lifecycle_task_result (user_result_id);
