-- Who holds or is eligible for a directory role, followed from pim-service's scheduleChanged events on
-- tessera.pim.events, so that the directory protects privileged principals without asking pim-service
-- on the request path. One row per schedule (eligibility or assignment, activations included). An ended
-- schedule stays as a tombstone (ended = true) so that a late event about it cannot bring it back.
create table pim_role_schedule (
    schedule_id         uuid        primary key,
    principal_id        uuid        not null,
    role_definition_id  varchar(64) not null,
    kind                varchar(16) not null,
    ended               boolean     not null,
    changed_at          timestamptz not null
);

create index pim_role_schedule_live on pim_role_schedule (principal_id) where not ended;
