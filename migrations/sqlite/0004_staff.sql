-- Staff sign-in: server-side sessions (so they can be revoked, and work across several
-- nodes), failed sign-ins for throttling, and contacts logged by staff.

-- The cookie carries a random token; only its SHA-256 is stored, so a copy of the
-- database does not let anyone sign in.
CREATE TABLE staff_sessions (
    token_hash TEXT NOT NULL CONSTRAINT staff_sessions_pkey PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff_users (id),
    -- The synchroniser token every form in this session must carry.
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX staff_sessions_staff_idx ON staff_sessions (staff_id);

CREATE TABLE sign_in_failures (
    id INTEGER PRIMARY KEY,
    -- The email address tried, lower case.
    email TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_email_idx ON sign_in_failures (email, at);

-- Who logged a contact on the customer's behalf, and whether it was dealt with there
-- and then (resolved at first contact).
ALTER TABLE contacts ADD COLUMN logged_by INTEGER REFERENCES staff_users (id);
ALTER TABLE contacts ADD COLUMN resolved_at_first_contact INTEGER NOT NULL DEFAULT 0;
