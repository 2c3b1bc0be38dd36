-- Workflows triggered by an attribute or membership change (attributeChangeTrigger, membershipChangeTrigger):
-- each directory event runs a workflow for its user once; such a run does not count against the
-- "once per workflow version" of time-based evaluations.
alter table lifecycle_user_result add column triggered_by text;

drop index lifecycle_user_result_scheduled_once;
create unique index lifecycle_user_result_scheduled_once on lifecycle_user_result (workflow_id, workflow_version, subject_id)
    where workflow_execution_type = 'scheduled' and triggered_by is null;
create unique index lifecycle_user_result_triggered_once on lifecycle_user_result (workflow_id, triggered_by, subject_id)
    where triggered_by is not null;
