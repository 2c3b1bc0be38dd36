-- Lists at a million rows (issue 16, docs/benchmarks.md "Reads at a million rows"): the portal's and
-- Graph clients' usual list, "this package's assignments (requests) in this state", is keyset-paged
-- by id. Without an index that matches filter + order, PostgreSQL walks the primary key in id order
-- and filters every row: cheap when the package is large, a scan of the whole table when few rows
-- (or none) match. (access_package_id, state, id) answers the filter and yields the rows already in
-- id order from the last page's key on.
create index assignment_package_state on assignment (access_package_id, state, id);
create index assignment_request_package_state on assignment_request (access_package_id, state, id);
-- A package's assignments in any state (the portal's list, the CSV export of one package) in id order:
-- without it a page walked the primary key and kept 1 row in 20 (9,179 rows read for a chunk of 501).
create index assignment_package on assignment (access_package_id, id);
