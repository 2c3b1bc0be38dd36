-- Custom workflow extensions of a catalog (Graph accessPackageCatalog.customWorkflowExtensions): an
-- endpoint Tessera calls at a policy's stages. The Graph parts are JSON text, stored as given and echoed.
create table custom_workflow_extension (
    id uuid primary key,
    catalog_id uuid not null references catalog (id) on delete cascade,
    odata_type text not null,
    display_name text not null,
    description text,
    endpoint_configuration text not null,
    authentication_configuration text,
    client_configuration text,
    callback_configuration text,
    created_at timestamptz not null,
    modified_at timestamptz not null
);
create index custom_workflow_extension_catalog on custom_workflow_extension (catalog_id, id);

-- A policy's customExtensionStageSettings: JSON array of {id, stage, customExtension: {id}}.
alter table assignment_policy
    add column custom_extension_stage_settings text not null default '[]';
