-- Files residents send with a report, and the log of every staff view of a case.

-- The bytes live in the database, outside the web root and inside the same backups and
-- transactions as the case. A file is stored when the form is posted, before the
-- resident has checked their answers, so it is "pending": it carries the SHA-256 of a
-- random token the form holds, and no case. Sending the form claims it for the new case;
-- pending files nobody claimed are deleted after a day.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES cases (id),
    upload_token_hash TEXT CONSTRAINT attachments_upload_token_key UNIQUE,
    -- The name the resident's device gave, cleaned, with the extension of what it is.
    filename TEXT NOT NULL,
    -- What the content is, sniffed from its bytes; never what the browser said.
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
-- Also finds the pending files (case_id IS NULL), few at any time, for the sweep.
CREATE INDEX attachments_case_idx ON attachments (case_id, id);

-- Who looked at which case, when, and at what. Written on every staff view.
CREATE TABLE case_views (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    staff_id INTEGER NOT NULL REFERENCES staff_users (id),
    at INTEGER NOT NULL,
    -- "case" for the case page, "attachment 12" for a file, and so on.
    what TEXT NOT NULL
);
CREATE INDEX case_views_case_idx ON case_views (case_id, id);
CREATE INDEX case_views_staff_idx ON case_views (staff_id, id);
