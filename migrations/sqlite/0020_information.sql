-- Information requests (FOI and EIR): each answer with its outcome and the exemptions
-- or exceptions it cites (stage 1 the response, stage 2 the internal review), and who
-- gave it, so that the review goes to someone else; and the public disclosure log of
-- responses staff chose to publish, in the words they chose (no requester's name).
CREATE TABLE information_responses (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    stage INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    -- Codes separated by commas, empty when none is cited; see information::Exemption.
    exemptions TEXT NOT NULL,
    answered_by INTEGER NOT NULL REFERENCES staff_users (id),
    at INTEGER NOT NULL,
    CONSTRAINT information_responses_stage_key UNIQUE (case_id, stage)
);
CREATE INDEX information_responses_at_idx ON information_responses (at);

CREATE TABLE disclosure_log (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL CONSTRAINT disclosure_log_case_key UNIQUE REFERENCES cases (id),
    case_type TEXT NOT NULL,
    title TEXT NOT NULL,
    request TEXT NOT NULL,
    response TEXT NOT NULL,
    outcome TEXT NOT NULL,
    exemptions TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    answered_at INTEGER NOT NULL,
    published_at INTEGER NOT NULL,
    published_by INTEGER NOT NULL REFERENCES staff_users (id),
    withdrawn_at INTEGER,
    withdrawn_by INTEGER REFERENCES staff_users (id),
    withdrawn_reason TEXT
);
-- The public list, newest first, a page at a time.
CREATE INDEX disclosure_log_listed_idx ON disclosure_log (published_at, id) WHERE withdrawn_at IS NULL;
