-- ReadScaleBenchmark's seed for request-service (docs/benchmarks.md "Reads at a million rows"):
-- :assignments assignments and as many completed adminAdd requests, generated in SQL, not through
-- the API. Ids are md5-derived, so provisioning's seed (reads-seed-provisioning.sql) names the same users.
--   assignment n (1..:assignments): package p = n % :packages, target user u = n / :packages + 1
--   (each user holds one assignment per package, as assignment_one_live requires); every 1,000th
--   assignment is for an external subject requested by email (target_subject_id, no object id yet).
--   state, by user (n / :packages) so that every package holds each: 8 in 10 delivered, 1 in 10
--   expired, 1 in 10 deliveryFailed (its request too).
-- Triggers and foreign-key checks are skipped for the load (session_replication_role = replica): the
-- rows are valid by construction.
set session_replication_role = replica;

insert into access_package_subject (id, object_id, email, display_name, subject_type, created_at)
select md5('subject' || n)::uuid, null, 'guest' || n || '@fabrikam.example', 'Guest ' || n, 'user',
       timestamptz '2026-01-01' + n * interval '1 second'
from generate_series(1, :assignments / 1000) n;

insert into assignment (id, access_package_id, access_package_name, catalog_id, assignment_policy_id,
        target_object_id, target_subject_id, state, status, start_at, end_at, expiration_type, duration,
        expired_at, resource_roles, delivery_detail, created_at, modified_at)
select md5('assignment' || n)::uuid,
       md5('package' || (n % :packages))::uuid,
       'Package ' || (n % :packages),
       md5('catalog')::uuid,
       md5('policy' || (n % :packages))::uuid,
       case when n % 1000 = 0 then null else md5('user' || (n / :packages + 1))::uuid end,
       case when n % 1000 = 0 then md5('subject' || (n / 1000))::uuid end,
       case (n / :packages) % 10 when 8 then 'expired' when 9 then 'deliveryFailed' else 'delivered' end,
       case (n / :packages) % 10 when 8 then 'Expired' when 9 then 'DeliveryFailed' else 'Delivered' end,
       timestamptz '2026-01-01' + n * interval '10 seconds',
       null, 'noExpiration', null,
       case when (n / :packages) % 10 = 8 then timestamptz '2026-06-01' + n * interval '1 second' end,
       '[{"originSystem":"AadGroup","originId":"' || md5('group' || (n % :packages))::uuid || '","role":"Member"}]',
       null,
       timestamptz '2026-01-01' + n * interval '10 seconds',
       timestamptz '2026-01-01' + n * interval '10 seconds'
from generate_series(1, :assignments) n;

insert into assignment_request (id, request_type, state, status, access_package_id, assignment_policy_id,
        assignment_id, target_object_id, target_subject_id, requestor_object_id, justification, created_at,
        completed_at)
select md5('request' || n)::uuid, 'adminAdd',
       case (n / :packages) % 10 when 9 then 'deliveryFailed' else 'delivered' end,
       case (n / :packages) % 10 when 9 then 'DeliveryFailed' else 'Delivered' end,
       md5('package' || (n % :packages))::uuid,
       md5('policy' || (n % :packages))::uuid,
       md5('assignment' || n)::uuid,
       case when n % 1000 = 0 then null else md5('user' || (n / :packages + 1))::uuid end,
       case when n % 1000 = 0 then md5('subject' || (n / 1000))::uuid end,
       md5('admin')::uuid, 'seeded',
       timestamptz '2026-01-01' + n * interval '10 seconds',
       timestamptz '2026-01-01' + n * interval '10 seconds' + interval '40 milliseconds'
from generate_series(1, :requests) n;

set session_replication_role = origin;
analyze access_package_subject;
analyze assignment;
analyze assignment_request;
