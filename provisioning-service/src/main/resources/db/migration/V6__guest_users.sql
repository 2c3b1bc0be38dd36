-- Guests invited on delivery of an access package to an external user (assignment.target.email).
-- Graph's user.creationType ('Invitation' for them, null for users created through POST /users) and
-- user.externalUserState ('PendingAcceptance' until they redeem; Tessera has no redemption, so it stays).
alter table directory_user add column creation_type varchar(20);
alter table directory_user add column external_user_state varchar(30);

-- Delivery finds an invited user by mail before inviting anyone.
create index directory_user_mail on directory_user (lower(mail));
