-- Queues: each case waiting for the council carries its next deadline, kept by
-- clocks::db::sync, so a queue reads open cases in deadline order from an index however
-- many cases are closed. NULL once resolved or closed (in no queue); for an open case with
-- no deadline running (paused, or no standard applies), 9999-12-31, so it sorts last.
ALTER TABLE cases ADD COLUMN queue_due_at BIGINT;
UPDATE cases SET queue_due_at = COALESCE(
    (SELECT MIN(k.due_at) FROM clocks k
     WHERE k.case_id = cases.id AND k.stopped_at IS NULL AND k.state IN ('running', 'missed') AND k.due_at IS NOT NULL),
    253402300799999)
WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX cases_queue_team_idx ON cases (team_id, queue_due_at, id) WHERE queue_due_at IS NOT NULL;
CREATE INDEX cases_queue_officer_idx ON cases (officer_id, queue_due_at, id) WHERE queue_due_at IS NOT NULL;
CREATE INDEX cases_queue_partner_idx ON cases (partner_id, queue_due_at, id) WHERE queue_due_at IS NOT NULL;
CREATE INDEX cases_queue_all_idx ON cases (queue_due_at, id) WHERE queue_due_at IS NOT NULL;
