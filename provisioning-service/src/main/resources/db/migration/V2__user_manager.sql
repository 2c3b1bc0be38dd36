-- users/{id}/manager: a user's manager is another user; deleting the manager clears the link.
alter table directory_user add column manager_id uuid references directory_user (id) on delete set null;
