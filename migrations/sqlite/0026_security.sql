-- Security (issue 25): counters that cannot be raced, pending files counted per client,
-- references derived under a key of this installation, and views of customer records.

-- Sign-in failures were kept as the address typed, of any length, and never swept.
-- They are replaced by `throttles`: one row a key, the key a keyed hash (never an email
-- address or an IP address), counted by one statement that inserts and counts at once.
DROP TABLE sign_in_failures;
CREATE TABLE throttles (
    key TEXT NOT NULL CONSTRAINT throttles_pkey PRIMARY KEY,
    -- When the window this count belongs to ends; the sweep deletes rows past it.
    expires_at INTEGER NOT NULL,
    hits INTEGER NOT NULL
);
CREATE INDEX throttles_expires_idx ON throttles (expires_at);
-- Wrong answers on case pages are counted in `throttles` too, per case and per client.
DROP TABLE track_failures;

-- Who sent a pending file, as a keyed hash of the client address, so pending bytes can
-- be capped per client. Emptied when a case claims the file.
ALTER TABLE attachments ADD COLUMN client_key TEXT;
CREATE INDEX attachments_pending_client_idx ON attachments (client_key) WHERE case_id IS NULL;

-- The key references are derived under, made here at install time, and the first case
-- id it applies to: cases before it keep the references they were given.
INSERT INTO site_keys (name, secret) VALUES ('references', lower(hex(randomblob(32))));
INSERT INTO site_keys (name, secret)
    SELECT 'references_from', CAST(COALESCE(MAX(id), 0) + 1 AS TEXT) FROM cases;
-- The key throttles and pending files hash their keys under.
INSERT INTO site_keys (name, secret) VALUES ('throttles', lower(hex(randomblob(32))))
    ON CONFLICT (name) DO NOTHING;

-- Who looked at which customer's record (or read it through the API), when, at what,
-- and why they could see it. Written on every view, like case_views for cases.
CREATE TABLE customer_views (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    staff_id INTEGER REFERENCES staff_users (id),
    api_key_id INTEGER REFERENCES api_keys (id),
    at INTEGER NOT NULL,
    what TEXT NOT NULL,
    why TEXT NOT NULL
);
CREATE INDEX customer_views_customer_idx ON customer_views (customer_id, id);
CREATE INDEX customer_views_staff_idx ON customer_views (staff_id, id);
