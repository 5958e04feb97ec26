-- Keys for other systems (Open311 clients, back-office systems): made by administrators,
-- kept only as their SHA-256, with what they may do and, for a partner's system, whose
-- cases they reach; revoked, never deleted, so the record of who sent what stays.
CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL CONSTRAINT api_keys_hash_key UNIQUE,
    -- The key's first characters, to tell keys apart on screen.
    shown TEXT NOT NULL,
    -- read, write or partner; see api::Scope.
    scope TEXT NOT NULL,
    partner_id INTEGER REFERENCES partners (id),
    created_by INTEGER NOT NULL REFERENCES staff_users (id),
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER,
    revoked_by INTEGER REFERENCES staff_users (id)
);

-- Which system sent a case, and the Open311 token it was given for it.
CREATE TABLE api_requests (
    token TEXT NOT NULL CONSTRAINT api_requests_pkey PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    api_key_id INTEGER NOT NULL REFERENCES api_keys (id),
    created_at INTEGER NOT NULL
);
CREATE INDEX api_requests_case_idx ON api_requests (case_id);

-- Open311's updates list: what the public saw change, by time, without reading every event.
CREATE INDEX case_events_updates_idx ON case_events (at, id) WHERE public = 1 AND kind IN ('status_changed', 'message');
