-- ReadScaleBenchmark's seed for provisioning-service: :users directory users (md5('user' || n), the
-- same ids request-service's seed targets) and one group, md5('big-group'), whose members are the
-- first :members of them (each held through the 'direct' source).
set session_replication_role = replica;

insert into directory_user (id, display_name, user_principal_name, mail_nickname, mail, given_name, surname,
        user_type, account_enabled, created_date_time, creation_type)
select md5('user' || n)::uuid, 'Seeded User ' || n, 'seeded' || n || '@contoso.onmicrosoft.com', 'seeded' || n,
       'seeded' || n || '@contoso.example', 'Seeded', 'User ' || n, 'Member', true,
       timestamptz '2026-01-01' + n * interval '1 second', null
from generate_series(1, :users) n;

insert into directory_group (id, display_name, description, mail_nickname, mail_enabled, security_enabled,
        group_types, is_assignable_to_role, visibility, created_date_time)
values (md5('big-group')::uuid, 'Seeded big group', 'ReadScaleBenchmark', 'seededbiggroup', false, true, '', false,
        null, timestamptz '2026-01-01');

insert into group_membership (group_id, member_id, relationship, source, created_at)
select md5('big-group')::uuid, md5('user' || n)::uuid, 'member', 'direct', timestamptz '2026-01-01'
from generate_series(1, :members) n;

set session_replication_role = origin;
analyze directory_user;
analyze directory_group;
analyze group_membership;
