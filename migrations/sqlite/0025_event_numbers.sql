-- no-transaction
-- Events keep their actor, kind and statuses as small numbers, not text codes: a byte a
-- column where the text was 5 to 20, a third of an event row (docs/benchmarks.md). Rust
-- speaks the codes (cases::numbered!); this table holds each number with its code for
-- anyone reading the tables, and a test holds it to the code's numbers.
--
-- SQLite cannot change a column's type, so the table is made again (the steps of
-- https://www.sqlite.org/lang_altertable.html#otheralter). Foreign keys are off while it
-- is: dropping the old table would otherwise check every webhook delivery against it. Any
-- text no number is found for is kept as it was, so nothing is lost and reading it fails
-- by name. Each step can run again if the migration is cut off before it is recorded.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE IF NOT EXISTS vocabulary (
    name TEXT NOT NULL,
    number INTEGER NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (name, number),
    UNIQUE (name, code)
);
INSERT OR IGNORE INTO vocabulary (name, number, code) VALUES
    ('actor_kind', 1, 'system'),
    ('actor_kind', 2, 'customer'),
    ('actor_kind', 3, 'staff'),
    ('actor_kind', 4, 'partner'),
    ('event_kind', 1, 'created'),
    ('event_kind', 2, 'status_changed'),
    ('event_kind', 3, 'assigned'),
    ('event_kind', 4, 'note'),
    ('event_kind', 5, 'message'),
    ('event_kind', 6, 'milestone'),
    ('event_kind', 7, 'clock_started'),
    ('event_kind', 8, 'clock_extended'),
    ('event_kind', 9, 'clock_warned'),
    ('event_kind', 10, 'clock_breached'),
    ('event_kind', 11, 'escalated'),
    ('event_kind', 12, 'customer_merged'),
    ('event_kind', 13, 'reclassified'),
    ('status', 1, 'received'),
    ('status', 2, 'acknowledged'),
    ('status', 3, 'in_progress'),
    ('status', 4, 'waiting_for_customer'),
    ('status', 5, 'resolved'),
    ('status', 6, 'closed'),
    ('status', 7, 'reopened');
DROP TABLE IF EXISTS case_events_numbered;
CREATE TABLE case_events_numbered (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    at INTEGER NOT NULL,
    actor_kind INTEGER NOT NULL,
    actor_id INTEGER,
    kind INTEGER NOT NULL,
    public INTEGER NOT NULL,
    body TEXT,
    from_status INTEGER,
    to_status INTEGER
);
INSERT INTO case_events_numbered (id, case_id, at, actor_kind, actor_id, kind, public, body, from_status, to_status)
SELECT e.id, e.case_id, e.at,
       COALESCE((SELECT v.number FROM vocabulary v WHERE v.name = 'actor_kind' AND v.code = e.actor_kind), e.actor_kind),
       e.actor_id,
       COALESCE((SELECT v.number FROM vocabulary v WHERE v.name = 'event_kind' AND v.code = e.kind), e.kind),
       e.public, e.body,
       COALESCE((SELECT v.number FROM vocabulary v WHERE v.name = 'status' AND v.code = e.from_status), e.from_status),
       COALESCE((SELECT v.number FROM vocabulary v WHERE v.name = 'status' AND v.code = e.to_status), e.to_status)
FROM case_events e ORDER BY e.id;
DROP TABLE case_events;
ALTER TABLE case_events_numbered RENAME TO case_events;
CREATE INDEX case_events_case_idx ON case_events (case_id, id);
-- Open311's updates list: public status changes (2) and messages (5).
CREATE INDEX case_events_updates_idx ON case_events (at, id) WHERE public = 1 AND kind IN (2, 5);
DROP VIEW IF EXISTS case_events_as_text;
-- The events with their codes, for people and exports (information::export).
CREATE VIEW case_events_as_text AS
SELECT e.id, e.case_id, e.at, a.code AS actor_kind, e.actor_id, k.code AS kind, e.public, e.body,
       f.code AS from_status, t.code AS to_status
FROM case_events e
LEFT JOIN vocabulary a ON a.name = 'actor_kind' AND a.number = e.actor_kind
LEFT JOIN vocabulary k ON k.name = 'event_kind' AND k.number = e.kind
LEFT JOIN vocabulary f ON f.name = 'status' AND f.number = e.from_status
LEFT JOIN vocabulary t ON t.name = 'status' AND t.number = e.to_status;
COMMIT;
PRAGMA foreign_keys = ON;
