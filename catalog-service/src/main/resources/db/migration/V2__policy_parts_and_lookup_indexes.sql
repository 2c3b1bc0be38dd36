-- Assignment policies keep each part of the Graph model in its own JSON text column, so the parts
-- Tessera validates are read and written as typed records instead of one opaque document.
alter table assignment_policy
    add column specific_allowed_targets   text not null default '[]',
    add column expiration                 text,
    add column requestor_settings         text,
    add column request_approval_settings  text,
    add column review_settings            text,
    add column automatic_request_settings text,
    add column notification_settings      text,
    add column questions                  text not null default '[]';

update assignment_policy set
    specific_allowed_targets   = coalesce(document::jsonb -> 'specificAllowedTargets', '[]'::jsonb)::text,
    expiration                 = nullif((document::jsonb -> 'expiration')::text, 'null'),
    requestor_settings         = nullif((document::jsonb -> 'requestorSettings')::text, 'null'),
    request_approval_settings  = nullif((document::jsonb -> 'requestApprovalSettings')::text, 'null'),
    review_settings            = nullif((document::jsonb -> 'reviewSettings')::text, 'null'),
    automatic_request_settings = nullif((document::jsonb -> 'automaticRequestSettings')::text, 'null'),
    notification_settings      = nullif((document::jsonb -> 'notificationSettings')::text, 'null'),
    questions                  = coalesce(document::jsonb -> 'questions', '[]'::jsonb)::text;

alter table assignment_policy drop column document;

-- Lookups on every write path: a resource's roles and scopes, and "is this role used by a package".
create index resource_role_resource on resource_role (resource_id);
create index resource_scope_resource on resource_scope (resource_id);
create index resource_role_scope_role on resource_role_scope (role_id);
create index resource_request_catalog on resource_request (catalog_id);
