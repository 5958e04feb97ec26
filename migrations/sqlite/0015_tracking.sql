-- Residents following their case: what they said after it was resolved, and the wrong
-- answers given when asked for the email or postcode on a case (five an hour, then no
-- more tries, so a reference cannot be paired with a guessed postcode).
CREATE TABLE case_feedback (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    at INTEGER NOT NULL,
    solved INTEGER NOT NULL,
    rating INTEGER,
    comment TEXT
);
CREATE INDEX case_feedback_case_idx ON case_feedback (case_id, at);

CREATE TABLE track_failures (
    case_id INTEGER NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX track_failures_idx ON track_failures (case_id, at);

-- Keys the server signs with (the links in emails that open a case's page), made at
-- random the first time they are needed, so every node of one database agrees.
CREATE TABLE site_keys (
    name TEXT PRIMARY KEY,
    secret TEXT NOT NULL
);
