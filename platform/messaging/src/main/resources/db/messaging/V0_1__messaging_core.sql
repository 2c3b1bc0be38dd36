-- Messaging core shared by every service (platform/messaging): the transactional outbox and the
-- idempotent consumers' record of processed events.

create table outbox_event (
    id          uuid primary key,
    position    bigserial    not null unique,
    topic       varchar(200) not null,
    event_key   varchar(200) not null,
    event_type  varchar(200) not null,
    source      varchar(200) not null,
    subject     varchar(200),
    payload     text         not null,
    created_at  timestamptz  not null,
    sent_at     timestamptz
);

-- The relay only ever looks at pending rows, oldest first.
create index outbox_event_pending on outbox_event (position) where sent_at is null;

create table processed_event (
    consumer      varchar(100) not null,
    event_id      varchar(100) not null,
    processed_at  timestamptz  not null,
    primary key (consumer, event_id)
);
