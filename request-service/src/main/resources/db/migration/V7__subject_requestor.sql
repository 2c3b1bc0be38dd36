-- External requestors: someone not in the directory asks for a package themselves (a userAdd with
-- assignment.target.email equal to their token's address). Their subject remembers the token's oid, so
-- they find their requests and assignments (filterByCurrentUser, GET by id, cancel) before the guest
-- exists and after, when the subject's object_id is the guest's and no longer theirs.
alter table access_package_subject add column requestor_object_id uuid;
create index access_package_subject_requestor on access_package_subject (requestor_object_id)
    where requestor_object_id is not null;
