-- Who a target is (accessPackageSubject displayName, principalName, email) is read with the assignment
-- in the same query (a subquery on this primary key), so the names the directory events reported are
-- kept as columns. Rows already in the view are filled from the attributes they hold. Re-runnable.
alter table directory_user add column if not exists display_name text;
alter table directory_user add column if not exists principal_name text;
alter table directory_user add column if not exists mail text;

update directory_user
   set display_name   = cast(attributes as jsonb) ->> 'displayName',
       principal_name = cast(attributes as jsonb) ->> 'userPrincipalName',
       mail           = cast(attributes as jsonb) ->> 'mail'
 where display_name is null and principal_name is null and mail is null;
