-- Custom role definitions live next to the built-in ones (is_built_in = false); the display name
-- is unique, ignoring case, as in Entra.
create unique index role_definition_display_name on role_definition (lower(display_name));

-- Role management policies: one per role definition (scope '/'), with the 17 rules of Entra.
-- A rule has its documented default until an administrator PATCHes it; then its whole effective
-- body is stored here (JSON text), and who changed it when.
create table role_policy_rule (
    role_definition_id varchar(36)  not null references role_definition (id) on delete cascade,
    rule_id            varchar(80)  not null,
    body               text         not null,
    modified_by        uuid         not null,
    modified_at        timestamptz  not null,
    primary key (role_definition_id, rule_id)
);
