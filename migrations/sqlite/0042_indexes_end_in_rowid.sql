-- Indexes that ended in `id` keep it once (issue 34). On SQLite every entry of a table's
-- index already ends with the row's id (the rowid, which `id INTEGER PRIMARY KEY` is), so
-- an index on (case_id, id) held each id twice: a quarter of each entry. An index on
-- (case_id) is ordered by (case_id, id) all the same, so "WHERE case_id = ? ORDER BY id",
-- "AND id < ?" and "ORDER BY at, id" read it as before, with no sort (EXPLAIN QUERY PLAN,
-- docs/benchmarks.md, 7 December). The names stay, as PostgreSQL's indexes, which hold no
-- row id, keep the column.
--
-- Left as they are: the queues' indexes, whose pages are read from a row value
-- "(queue_due_at, id) > (?, ?)": SQLite seeks such a value only through columns the index
-- names, and many cases share one queue_due_at (no deadline). Small tables' indexes too.
--
-- A dropped index's planner statistics go with it, and PRAGMA optimize does not make them
-- again while its table has others: without them the planner would take, say, the
-- service's index over the customer's to find a customer's recent case about a service.
-- So each new index is analysed here, from a sample, as `frontdoor seed` does. An index
-- on a table with no rows gets none, as before.
PRAGMA analysis_limit = 1000;
DROP INDEX case_events_case_idx;
CREATE INDEX case_events_case_idx ON case_events (case_id);
DROP INDEX case_events_updates_idx;
CREATE INDEX case_events_updates_idx ON case_events (at) WHERE public = 1 AND kind IN (2, 5);
DROP INDEX contacts_case_idx;
CREATE INDEX contacts_case_idx ON contacts (case_id);
DROP INDEX contacts_customer_idx;
CREATE INDEX contacts_customer_idx ON contacts (customer_id);
DROP INDEX cases_team_status_idx;
CREATE INDEX cases_team_status_idx ON cases (team_id, status);
DROP INDEX cases_customer_idx;
CREATE INDEX cases_customer_idx ON cases (customer_id);
DROP INDEX cases_postcode_idx;
CREATE INDEX cases_postcode_idx ON cases (postcode);
DROP INDEX cases_status_idx;
CREATE INDEX cases_status_idx ON cases (status);
DROP INDEX cases_type_idx;
CREATE INDEX cases_type_idx ON cases (case_type) WHERE case_type <> 'service_request';
DROP INDEX cases_service_idx;
CREATE INDEX cases_service_idx ON cases (service_id);
DROP INDEX cases_ward_idx;
CREATE INDEX cases_ward_idx ON cases (ward) WHERE ward IS NOT NULL;
DROP INDEX cases_councillor_idx;
CREATE INDEX cases_councillor_idx ON cases (councillor_id) WHERE councillor_id IS NOT NULL;
DROP INDEX cases_partner_idx;
CREATE INDEX cases_partner_idx ON cases (partner_id) WHERE partner_id IS NOT NULL;
DROP INDEX customers_email_id_idx;
CREATE INDEX customers_email_id_idx ON customers (email);
DROP INDEX customers_phone_id_idx;
CREATE INDEX customers_phone_id_idx ON customers (phone);
DROP INDEX customers_uprn_id_idx;
CREATE INDEX customers_uprn_id_idx ON customers (uprn);
DROP INDEX outbox_case_idx;
CREATE INDEX outbox_case_idx ON outbox (case_id);
DROP INDEX case_views_case_idx;
CREATE INDEX case_views_case_idx ON case_views (case_id);
DROP INDEX case_views_staff_idx;
CREATE INDEX case_views_staff_idx ON case_views (staff_id);
DROP INDEX customer_views_customer_idx;
CREATE INDEX customer_views_customer_idx ON customer_views (customer_id);
DROP INDEX customer_views_staff_idx;
CREATE INDEX customer_views_staff_idx ON customer_views (staff_id);
ANALYZE case_events_case_idx;
ANALYZE case_events_updates_idx;
ANALYZE contacts_case_idx;
ANALYZE contacts_customer_idx;
ANALYZE cases_team_status_idx;
ANALYZE cases_customer_idx;
ANALYZE cases_postcode_idx;
ANALYZE cases_status_idx;
ANALYZE cases_type_idx;
ANALYZE cases_service_idx;
ANALYZE cases_ward_idx;
ANALYZE cases_councillor_idx;
ANALYZE cases_partner_idx;
ANALYZE customers_email_id_idx;
ANALYZE customers_phone_id_idx;
ANALYZE customers_uprn_id_idx;
ANALYZE outbox_case_idx;
ANALYZE case_views_case_idx;
ANALYZE case_views_staff_idx;
ANALYZE customer_views_customer_idx;
ANALYZE customer_views_staff_idx;
PRAGMA analysis_limit = 0;
