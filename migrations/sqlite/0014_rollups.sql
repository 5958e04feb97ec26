-- Performance rollups: counts by council-local day and by month, per service, kept in the
-- transaction of the change that moves them (rollups::db::add), so the performance page reads
-- a year of months, never the history. metric is what is counted; key narrows it (a channel,
-- a standard's id, a number of working days, a rating). A delta can be negative: a reopened
-- case takes back its resolution, a clock replayed after an extension can move from missed
-- to met.
CREATE TABLE rollup_days (
    day INTEGER NOT NULL,
    service_id INTEGER NOT NULL,
    metric TEXT NOT NULL,
    key TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (day, metric, service_id, key)
);
CREATE TABLE rollup_months (
    month INTEGER NOT NULL,
    service_id INTEGER NOT NULL,
    metric TEXT NOT NULL,
    key TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (month, metric, service_id, key)
);
-- When the case last stopped being open (resolved, or closed without being resolved);
-- NULL while open. Kept by clocks::db::sync, and the time-to-resolve figures use it.
ALTER TABLE cases ADD COLUMN resolved_at INTEGER;
UPDATE cases SET resolved_at = (
    SELECT MAX(e.at) FROM case_events e
    WHERE e.case_id = cases.id AND e.kind = 'status_changed' AND e.to_status IN ('resolved', 'closed')
      AND (e.from_status IS NULL OR e.from_status NOT IN ('resolved', 'closed')))
WHERE status IN ('resolved', 'closed');
