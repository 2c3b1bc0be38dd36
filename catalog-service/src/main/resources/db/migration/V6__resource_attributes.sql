-- Requestor-supplied attributes of a catalog resource (Graph accessPackageResource.attributes): a JSON
-- array of accessPackageResourceAttribute, each asking one question and naming the user property its
-- answer is written to at delivery. Resources added before this have none.
alter table catalog_resource
    add column attributes text not null default '[]';
