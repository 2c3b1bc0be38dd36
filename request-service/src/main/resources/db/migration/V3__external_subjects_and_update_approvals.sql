-- External users: someone who is not in the directory yet is requested by email. The subject keeps
-- who they are (email, display name, connected organization) until provisioning-service has invited
-- them as a guest and reported the object id, which then fills the subject and every assignment and
-- request that names it.
create table access_package_subject (
    id                              uuid          primary key,
    object_id                       uuid,
    email                           varchar(256)  not null,
    display_name                    varchar(256),
    subject_type                    varchar(30)   not null,
    connected_organization_id       uuid,
    connected_organization_name     varchar(256),
    created_at                      timestamptz   not null
);
-- One subject per email (Graph compares them case-insensitively).
create unique index access_package_subject_email on access_package_subject (lower(email));

alter table assignment alter column target_object_id drop not null;
alter table assignment add column target_subject_id uuid references access_package_subject (id);
-- The one-live-assignment rule, applied to the subject: an email cannot get the same package twice,
-- also before anyone knows its object id.
create unique index assignment_one_live_subject on assignment (access_package_id, target_subject_id)
    where state <> 'expired' and target_subject_id is not null;
create index assignment_subject on assignment (target_subject_id) where target_subject_id is not null;

alter table assignment_request alter column target_object_id drop not null;
alter table assignment_request add column target_subject_id uuid references access_package_subject (id);
create index assignment_request_subject on assignment_request (target_subject_id) where target_subject_id is not null;
