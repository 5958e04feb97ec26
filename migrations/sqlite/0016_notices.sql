-- Service notices: what an administrator publishes so people need not contact us
-- ("bin collections in Wealdstone are a day late"), for one service or all, and
-- optionally one area, shown between its start and end. views counts how often one was
-- shown on a public page.
CREATE TABLE service_notices (
    id INTEGER PRIMARY KEY,
    service_id INTEGER REFERENCES services (id),
    area TEXT,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    created_by INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    views INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX service_notices_live_idx ON service_notices (ends_at, starts_at);
