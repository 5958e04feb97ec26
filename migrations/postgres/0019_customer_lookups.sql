-- Intake finds a customer with "WHERE email = $1 ORDER BY id LIMIT 1" (or phone, or
-- property). With the id in the index, the first entry is the answer whatever the
-- planner believes of the table: after a bulk load, PostgreSQL's stale statistics had it
-- walk every customer in id order instead (50 ms a case; docs/benchmarks.md).
CREATE INDEX customers_email_id_idx ON customers (email, id);
CREATE INDEX customers_phone_id_idx ON customers (phone, id);
CREATE INDEX customers_uprn_id_idx ON customers (uprn, id);
DROP INDEX customers_email_idx;
DROP INDEX customers_phone_idx;
DROP INDEX customers_uprn_idx;
