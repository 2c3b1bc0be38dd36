-- Directory roles are delivered by pim-service: a ledger row waits ('pending') for its answer, and a
-- removal that the five-minute rule defers waits as 'pendingRemoval' (a durable timer asks again).
-- request_id and end_at let a later answer, a retried removal or a package change act for the
-- assignment without its original event; pim_command_id matches pim-service's answer to its row.
alter table delivery_ledger drop constraint delivery_ledger_status_check;
alter table delivery_ledger alter column status type varchar(20);
alter table delivery_ledger add constraint delivery_ledger_status_check
    check (status in ('delivered', 'failed', 'removed', 'pending', 'pendingRemoval'));
alter table delivery_ledger add column request_id uuid;
alter table delivery_ledger add column end_at timestamptz;
alter table delivery_ledger add column pim_command_id uuid;
create unique index delivery_ledger_pim_command on delivery_ledger (pim_command_id);
