-- An assignment's removal is reported once nothing of it waits for pim-service (a deferred directory-role
-- removal). Until then its rows remember that the assignment was removed, and by which request.
alter table delivery_ledger add column assignment_removed boolean not null default false;
alter table delivery_ledger add column removal_request_id uuid;
