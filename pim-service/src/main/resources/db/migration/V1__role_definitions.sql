create table role_definition (
    id               varchar(36)  primary key,
    display_name     varchar(256) not null,
    description      varchar(1024),
    is_built_in      boolean      not null,
    is_enabled       boolean      not null,
    template_id      varchar(36)  not null,
    version          varchar(20),
    allowed_actions  text         not null
);

-- Built-in Microsoft Entra roles, with their real template ids (id == templateId for built-ins).
-- allowed_actions holds the permission summary, one resource action per line.
insert into role_definition values
('62e90394-69f5-4237-9190-012177145e10', 'Global Administrator',
 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.',
 true, true, '62e90394-69f5-4237-9190-012177145e10', '1', 'microsoft.directory/allEntities/allProperties/allTasks'),
('f2ef992c-3afb-46b9-b7cf-a126ee74c451', 'Global Reader',
 'Can read everything that a Global Administrator can, but not update anything.',
 true, true, 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', '1', 'microsoft.directory/allEntities/allProperties/read'),
('729827e3-9c14-49f7-bb1b-9608f156bbb8', 'Helpdesk Administrator',
 'Can reset passwords for non-administrators and Helpdesk Administrators.',
 true, true, '729827e3-9c14-49f7-bb1b-9608f156bbb8', '1',
 'microsoft.directory/users/password/update
microsoft.directory/users/invalidateAllRefreshTokens
microsoft.directory/users/basic/update'),
('fe930be7-5e62-47db-91af-98c3a49a38b1', 'User Administrator',
 'Can manage all aspects of users and groups, including resetting passwords for limited admins.',
 true, true, 'fe930be7-5e62-47db-91af-98c3a49a38b1', '1',
 'microsoft.directory/users/create
microsoft.directory/users/delete
microsoft.directory/users/basic/update
microsoft.directory/groups/create
microsoft.directory/groups/members/update'),
('fdd7a751-b60b-444a-984c-02652fe8fa1c', 'Groups Administrator',
 'Members of this role can create/manage groups, create/manage groups settings like naming and expiration policies, and view groups activity and audit reports.',
 true, true, 'fdd7a751-b60b-444a-984c-02652fe8fa1c', '1',
 'microsoft.directory/groups/create
microsoft.directory/groups/delete
microsoft.directory/groups/basic/update
microsoft.directory/groups/members/update
microsoft.directory/groups/owners/update'),
('31392ffb-586c-42d1-9346-e59415a2cc4e', 'Exchange Recipient Administrator',
 'Can create or update Exchange Online recipients within the Exchange Online organization.',
 true, true, '31392ffb-586c-42d1-9346-e59415a2cc4e', '1', 'microsoft.office365.exchange/allRecipients/allProperties/allTasks'),
('a9ea8996-122f-4c74-9520-8edcd192826c', 'Fabric Administrator',
 'Manages all aspects of Microsoft Fabric and Power BI (formerly Power BI Administrator).',
 true, true, 'a9ea8996-122f-4c74-9520-8edcd192826c', '1', 'microsoft.powerApps.powerBI/allEntities/allTasks'),
('e8611ab8-c189-46e8-94e1-60213ab1f814', 'Privileged Role Administrator',
 'Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.',
 true, true, 'e8611ab8-c189-46e8-94e1-60213ab1f814', '1',
 'microsoft.directory/roleAssignments/allProperties/allTasks
microsoft.directory/roleDefinitions/allProperties/allTasks
microsoft.directory/privilegedIdentityManagement/allProperties/allTasks'),
('45d8d3c5-c802-45c6-b32a-1d70b5e1e86e', 'Identity Governance Administrator',
 'Manage access using Microsoft Entra ID for identity governance scenarios.',
 true, true, '45d8d3c5-c802-45c6-b32a-1d70b5e1e86e', '1',
 'microsoft.directory/accessReviews/allProperties/allTasks
microsoft.directory/entitlementManagement/allProperties/allTasks
microsoft.directory/groups/members/update');
