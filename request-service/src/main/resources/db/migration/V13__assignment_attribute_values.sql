-- The requestor's answers to the attributes of the package's catalog resources, kept on the assignment
-- (JSON list of AttributeValue): sent with every grant of it and, at removal, to clear what does not
-- persist. Assignments granted before this wrote none.
alter table assignment
    add column attribute_values text not null default '[]';
