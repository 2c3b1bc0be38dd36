-- Graph's unifiedRoleDefinition.isPrivileged. Built-in roles get theirs from the data file
-- (BuiltInRoleDefinitions upserts every built-in role at startup); custom roles are not privileged.
alter table role_definition add column is_privileged boolean not null default false;
