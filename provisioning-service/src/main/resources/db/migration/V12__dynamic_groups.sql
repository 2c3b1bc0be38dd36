-- Dynamic membership groups (groupTypes contains DynamicMembership): the rule that decides their
-- members and whether it is applied ('On') or the membership is frozen ('Paused'). Null for other groups.
-- Their members are group_membership rows with source 'dynamic'.
alter table directory_group add column membership_rule text;
alter table directory_group add column membership_rule_processing_state text;
