-- Smaller and cheaper to write, found by the load benchmark (docs/benchmarks.md):
-- * clocks_state_due_idx served no query, and lured one case's lookup into walking every
--   running clock in the council; a case's clocks are found by (case_id, standard_id).
-- * Nothing reads events by time alone; the events feed pages by event id.
DROP INDEX clocks_state_due_idx;
DROP INDEX case_events_at_idx;
