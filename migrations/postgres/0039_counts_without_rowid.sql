-- The running counts' key in the order the insight report reads them (issue 34): by
-- metric, then day. The key's index carries each count's value, so the report still reads
-- the index alone, and rollup_days_metric_idx, which held the same columns again, goes.
-- rollups::db::add's upsert still finds a count by the same four columns. (SQLite's
-- migration of the same number stores the counts by this key, with no rowid.)
ALTER TABLE rollup_days DROP CONSTRAINT rollup_days_pkey;
ALTER TABLE rollup_days ADD CONSTRAINT rollup_days_pkey PRIMARY KEY (metric, day, service_id, key) INCLUDE (value);
DROP INDEX rollup_days_metric_idx;
