-- Policies and access packages catalog-service deleted (tessera.catalog.*Deleted.v1). catalog-service's
-- usage check runs before its delete, so a request can be accepted in between: the consumer ends the
-- requests open under the deleted object, and this guard refuses any that arrive after it. Both lock the
-- object's id (advisory): the consumer exclusively, each insert shared, so one of the two always sees the
-- other's work while inserts for the same package never wait for each other.
create table deleted_catalog_object (
    id          uuid         primary key,
    kind        varchar(30)  not null,
    deleted_at  timestamptz  not null
);

create function refuse_request_under_deleted_catalog_object() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock_shared(hashtextextended(new.access_package_id::text, 0));
    if new.assignment_policy_id is not null then
        perform pg_advisory_xact_lock_shared(hashtextextended(new.assignment_policy_id::text, 0));
    end if;
    if exists (select 1 from deleted_catalog_object d
               where d.id = new.access_package_id or d.id = new.assignment_policy_id) then
        raise exception 'access package % or policy % was deleted', new.access_package_id, new.assignment_policy_id
            using errcode = 'TS404';
    end if;
    return new;
end
$$;

-- Only requests that could still grant or extend access; removals of what exists stay possible.
create trigger assignment_request_under_deleted_catalog_object
    before insert on assignment_request
    for each row
    when (new.request_type in ('userAdd', 'adminAdd', 'systemAdd', 'onBehalfAdd', 'userUpdate', 'adminUpdate'))
    execute function refuse_request_under_deleted_catalog_object();
