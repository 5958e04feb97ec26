-- Complaints (the Complaint Handling Code): each stage's answer, with what was decided,
-- why it happened and what was done about it, and who answered, so that stage 2 goes to
-- someone else; what was promised after an answer, tracked until done; and arrangements
-- for contact judged unreasonably persistent, each with a date to review it.
CREATE TABLE complaint_responses (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    stage INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    cause TEXT NOT NULL,
    remedy TEXT NOT NULL,
    answered_by INTEGER NOT NULL REFERENCES staff_users (id),
    at INTEGER NOT NULL,
    CONSTRAINT complaint_responses_stage_key UNIQUE (case_id, stage)
);
CREATE INDEX complaint_responses_at_idx ON complaint_responses (at);

CREATE TABLE complaint_actions (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    stage INTEGER NOT NULL,
    promise TEXT NOT NULL,
    due_on TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    done_at INTEGER,
    done_by INTEGER REFERENCES staff_users (id),
    done_note TEXT
);
CREATE INDEX complaint_actions_case_idx ON complaint_actions (case_id, id);
CREATE INDEX complaint_actions_open_idx ON complaint_actions (due_on) WHERE done_at IS NULL;

CREATE TABLE contact_arrangements (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    arrangement TEXT NOT NULL,
    reason TEXT NOT NULL,
    review_on TEXT NOT NULL,
    recorded_by INTEGER NOT NULL REFERENCES staff_users (id),
    recorded_at INTEGER NOT NULL,
    ended_at INTEGER,
    ended_by INTEGER REFERENCES staff_users (id)
);
CREATE INDEX contact_arrangements_customer_idx ON contact_arrangements (customer_id, id);
