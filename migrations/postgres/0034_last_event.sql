-- The time of each case's newest event, kept on the case, so the insight report counts the
-- open cases nothing has happened to (no event for [insight] quiet_working_days) from one
-- index of the open cases, never looking in case_events (docs/benchmarks.md, 6 December:
-- the lookup was three quarters of the report at a million cases, and grew with the open
-- workload). Kept to the hour: the trigger rewrites the case only when its time is more
-- than an hour behind the event's, so the events written with a new case, or in a burst
-- of work on one, cost a look-up and no write. The quiet rule is in working days.
-- Cases closed before this migration keep 0 (nothing reads it while a case is closed; a
-- reopening is an event, which sets it).
ALTER TABLE cases ADD COLUMN last_event_at BIGINT NOT NULL DEFAULT 0;
UPDATE cases SET last_event_at = COALESCE(
    (SELECT e.at FROM case_events e WHERE e.case_id = cases.id ORDER BY e.id DESC LIMIT 1), updated_at)
WHERE status NOT IN ('resolved', 'closed');
CREATE FUNCTION case_events_last_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases SET last_event_at = NEW.at WHERE id = NEW.case_id AND last_event_at < NEW.at - 3600000;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_events_last_event AFTER INSERT ON case_events
FOR EACH ROW EXECUTE FUNCTION case_events_last_event();
-- The open cases as the blockage figures group them, with all they read.
CREATE INDEX cases_open_groups_idx ON cases (team_id, partner_id, status, case_type, created_at, last_event_at)
WHERE status NOT IN ('resolved', 'closed');
