-- Durable timers (platform/messaging, dev.tessera.platform.messaging.timer): deadlines such as an
-- assignment's expiry or an activation's end are rows with a due time, claimed with
-- FOR UPDATE SKIP LOCKED by every replica's poller, so each fires once and survives restarts.

create table durable_timer (
    id          uuid         primary key,
    kind        varchar(100) not null,
    timer_key   varchar(200) not null,
    due_at      timestamptz  not null,
    payload     text,
    attempts    integer      not null default 0,
    -- after a failed firing: when to try again (due_at keeps the original deadline)
    retry_at    timestamptz,
    last_error  text,
    parked_at   timestamptz,
    created_at  timestamptz  not null,
    -- one pending timer per kind and key: scheduling again moves it
    constraint durable_timer_kind_key unique (kind, timer_key)
);

-- The poller only looks at live timers, soonest first.
create index durable_timer_due on durable_timer ((coalesce(retry_at, due_at))) where parked_at is null;
