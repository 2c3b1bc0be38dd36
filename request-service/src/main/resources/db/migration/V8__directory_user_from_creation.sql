-- request-service answers user lookups on the request path from its own directory view when the view
-- has seen the user's whole history: their userCreated event and so every later change (a user's
-- events, memberships included, are keyed by the user's id, so they arrive in order after it). A row
-- first seen from a later event (created before the topic's retained history) is not whole: its
-- lookups still ask provisioning-service. Existing rows cannot tell, so they start as not whole.
alter table directory_user add column from_creation boolean not null default false;
