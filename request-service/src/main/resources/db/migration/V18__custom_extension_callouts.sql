-- Custom extensions (catalog customWorkflowExtensions bound by a policy's customExtensionStageSettings).
-- custom_extensions: what the request's policy bound when the request was submitted (JSON array of
-- {stage, customExtensionId, url, timeoutInMilliseconds, maximumRetries, callbackTimeout}), so every later
-- stage calls what the request was submitted with, without asking catalog-service again.
alter table assignment_request
    add column custom_extensions text;

-- One row per call to an extension (Graph customExtensionCalloutInstance on the request). The sends and
-- the callback deadline are durable_timer rows (request.customExtensionCallout,
-- request.customExtensionCallback) keyed by the row's id.
create table custom_extension_callout (
    id                       uuid        primary key,
    request_id               uuid        not null references assignment_request (id) on delete cascade,
    custom_extension_id      uuid        not null,
    stage                    text        not null,
    waits                    boolean     not null,
    status                   text,
    external_correlation_id  text,
    detail                   text,
    attempts                 integer     not null default 0,
    created_at               timestamptz not null,
    modified_at              timestamptz not null
);
create index custom_extension_callout_request on custom_extension_callout (request_id, created_at);
