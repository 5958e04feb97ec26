-- Data protection: retention and anonymisation, legal holds, rights requests, and the
-- needs and reasonable adjustments of people who need more help. Times are UTC
-- milliseconds. See docs/privacy.md.

-- When a case lost its personal data under the retention policy (or an erasure).
ALTER TABLE cases ADD COLUMN anonymised_at INTEGER;
-- Closed cases still holding personal data, by type and when their status last changed:
-- what a retention run reads, however long history grows.
CREATE INDEX cases_retention_idx ON cases (case_type, updated_at)
    WHERE anonymised_at IS NULL AND status IN ('resolved', 'closed');

-- A customer record whose personal data is gone: the row stays, empty, so the access log
-- and the figures still point at something.
ALTER TABLE customers ADD COLUMN erased_at INTEGER;
-- They asked to be phoned rather than emailed (an adjustment, or their choice).
ALTER TABLE customers ADD COLUMN prefers_phone INTEGER NOT NULL DEFAULT 0;

-- Reception visits that never became a case are kept for their own period.
ALTER TABLE reception_visits ADD COLUMN anonymised_at INTEGER;
CREATE INDEX reception_visits_retention_idx ON reception_visits (arrived_at)
    WHERE anonymised_at IS NULL AND case_id IS NULL;

-- A legal hold (an ombudsman or tribunal case, litigation) keeps a case's personal data
-- past its period, until it is released.
CREATE TABLE legal_holds (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    reason TEXT NOT NULL,
    held_by INTEGER REFERENCES staff_users (id),
    held_at INTEGER NOT NULL,
    released_at INTEGER,
    released_by INTEGER REFERENCES staff_users (id)
);
CREATE INDEX legal_holds_case_idx ON legal_holds (case_id) WHERE released_at IS NULL;

-- Each retention run: when, as of when, what started it, and what it did so far (a JSON
-- object of counts per case type). A run killed part way has no finished_at.
CREATE TABLE retention_runs (
    id INTEGER PRIMARY KEY,
    started_at INTEGER NOT NULL,
    as_of INTEGER NOT NULL,
    started_by TEXT NOT NULL,
    counts TEXT NOT NULL,
    finished_at INTEGER
);

-- A customer's needs and the adjustments made for them (Equality Act 2010 s.20), each with
-- the basis it is recorded on and who gave it, and a date to check it is still right.
CREATE TABLE customer_needs (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    -- need or adjustment
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    -- The language, the named contact, or what else staff must know.
    detail TEXT NOT NULL,
    -- consent, someone_for_them, vital_interests or safeguarding; see customers::needs.
    basis TEXT NOT NULL,
    given_by TEXT NOT NULL,
    review_on TEXT NOT NULL,
    recorded_by INTEGER NOT NULL REFERENCES staff_users (id),
    recorded_at INTEGER NOT NULL,
    ended_at INTEGER,
    ended_by INTEGER REFERENCES staff_users (id)
);
CREATE INDEX customer_needs_customer_idx ON customer_needs (customer_id) WHERE ended_at IS NULL;

-- What a retention batch reaches a case's or a customer's rows by, without scanning.
CREATE INDEX outbox_customer_idx ON outbox (customer_id) WHERE case_id IS NULL;
CREATE INDEX reception_visits_case_idx ON reception_visits (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX reception_visits_customer_idx ON reception_visits (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX meeting_changes_appointment_idx ON meeting_changes (appointment_id) WHERE appointment_id IS NOT NULL;
CREATE INDEX meeting_changes_visit_idx ON meeting_changes (visit_id) WHERE visit_id IS NOT NULL;
