-- What the entitlement-management settings (externalUserLifecycleAction) did to an external user brought
-- in through entitlement management once their last assignment ended: blocked from sign-in (and, under
-- blockSignInAndDelete, when they are deleted), or deleted. One row per directory user; the row goes when
-- a new assignment unblocks them. The timers that act are durable_timer rows
-- (request.externalUserLifecycle: look again at a user; request.externalUserDeletion: delete them).
create table external_user_lifecycle (
    object_id   uuid        primary key,
    state       text        not null check (state in ('blocked', 'deleted')),
    action      text        not null,
    blocked_at  timestamptz not null,
    delete_at   timestamptz,
    deleted_at  timestamptz,
    updated_at  timestamptz not null
);
