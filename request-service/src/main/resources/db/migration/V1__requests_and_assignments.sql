create table assignment (
    id                   uuid         primary key,
    access_package_id    uuid         not null,
    access_package_name  varchar(256),
    catalog_id           uuid,
    assignment_policy_id uuid         not null,
    target_object_id     uuid         not null,
    state                varchar(30)  not null,
    status               varchar(60)  not null,
    start_at             timestamptz  not null,
    end_at               timestamptz,
    expiration_type      varchar(30)  not null,
    duration             varchar(40),
    expired_at           timestamptz,
    resource_roles       text         not null,
    delivery_detail      text,
    created_at           timestamptz  not null,
    modified_at          timestamptz  not null
);

-- One live assignment per target and package: a second concurrent grant fails here, not by luck.
create unique index assignment_one_live on assignment (access_package_id, target_object_id)
    where state <> 'expired';
create index assignment_target on assignment (target_object_id);

create table assignment_request (
    id                   uuid         primary key,
    request_type         varchar(30)  not null,
    state                varchar(30)  not null,
    status               varchar(60)  not null,
    access_package_id    uuid         not null,
    assignment_policy_id uuid,
    assignment_id        uuid         references assignment (id),
    target_object_id     uuid         not null,
    requestor_object_id  uuid         not null,
    justification        text,
    answers              text,
    schedule_start       timestamptz,
    schedule_end         timestamptz,
    schedule_duration    varchar(40),
    expiration_type      varchar(30),
    failure              text,
    created_at           timestamptz  not null,
    completed_at         timestamptz
);

-- At most one removal in flight per assignment.
create unique index assignment_request_one_removal on assignment_request (assignment_id)
    where state = 'submitted' and request_type in ('adminRemove', 'userRemove', 'systemRemove');
create index assignment_request_target on assignment_request (target_object_id);
create index assignment_request_requestor on assignment_request (requestor_object_id);
