-- At most one add request per target and package waits for approval: a second would be granted twice
-- (its approval then collides with assignment_one_live). The service refuses it with a 409 first; this
-- index is what makes two concurrent submissions fail too.
create unique index assignment_request_one_open_add on assignment_request (access_package_id, target_object_id)
    where state = 'pendingApproval' and target_object_id is not null
      and request_type in ('userAdd', 'adminAdd', 'systemAdd', 'onBehalfAdd');
create unique index assignment_request_one_open_add_subject on assignment_request (access_package_id, target_subject_id)
    where state = 'pendingApproval' and target_subject_id is not null
      and request_type in ('userAdd', 'adminAdd', 'systemAdd', 'onBehalfAdd');
