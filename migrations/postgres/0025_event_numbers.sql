-- Events keep their actor, kind and statuses as small numbers, not text codes: a byte a
-- column where the text was 5 to 20, a third of an event row (docs/benchmarks.md). Rust
-- speaks the codes (cases::numbered!); this table holds each number with its code for
-- anyone reading the tables, and a test holds it to the code's numbers.
CREATE TABLE vocabulary (
    name TEXT NOT NULL,
    number SMALLINT NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (name, number),
    UNIQUE (name, code)
);
INSERT INTO vocabulary (name, number, code) VALUES
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
DROP INDEX case_events_updates_idx;
-- A code with no number fails the migration: the text will not cast to a number.
ALTER TABLE case_events
    ALTER COLUMN actor_kind TYPE SMALLINT USING
        CASE actor_kind WHEN 'system' THEN 1 WHEN 'customer' THEN 2 WHEN 'staff' THEN 3 WHEN 'partner' THEN 4 ELSE actor_kind::SMALLINT END,
    ALTER COLUMN kind TYPE SMALLINT USING
        CASE kind WHEN 'created' THEN 1 WHEN 'status_changed' THEN 2 WHEN 'assigned' THEN 3 WHEN 'note' THEN 4 WHEN 'message' THEN 5 WHEN 'milestone' THEN 6 WHEN 'clock_started' THEN 7 WHEN 'clock_extended' THEN 8 WHEN 'clock_warned' THEN 9 WHEN 'clock_breached' THEN 10 WHEN 'escalated' THEN 11 WHEN 'customer_merged' THEN 12 WHEN 'reclassified' THEN 13 ELSE kind::SMALLINT END,
    ALTER COLUMN from_status TYPE SMALLINT USING
        CASE from_status WHEN 'received' THEN 1 WHEN 'acknowledged' THEN 2 WHEN 'in_progress' THEN 3 WHEN 'waiting_for_customer' THEN 4 WHEN 'resolved' THEN 5 WHEN 'closed' THEN 6 WHEN 'reopened' THEN 7 ELSE from_status::SMALLINT END,
    ALTER COLUMN to_status TYPE SMALLINT USING
        CASE to_status WHEN 'received' THEN 1 WHEN 'acknowledged' THEN 2 WHEN 'in_progress' THEN 3 WHEN 'waiting_for_customer' THEN 4 WHEN 'resolved' THEN 5 WHEN 'closed' THEN 6 WHEN 'reopened' THEN 7 ELSE to_status::SMALLINT END;
-- Open311's updates list: public status changes (2) and messages (5).
CREATE INDEX case_events_updates_idx ON case_events (at, id) WHERE public = 1 AND kind IN (2, 5);
-- The events with their codes, for people and exports (information::export).
CREATE VIEW case_events_as_text AS
SELECT e.id, e.case_id, e.at, a.code AS actor_kind, e.actor_id, k.code AS kind, e.public, e.body,
       f.code AS from_status, t.code AS to_status
FROM case_events e
LEFT JOIN vocabulary a ON a.name = 'actor_kind' AND a.number = e.actor_kind
LEFT JOIN vocabulary k ON k.name = 'event_kind' AND k.number = e.kind
LEFT JOIN vocabulary f ON f.name = 'status' AND f.number = e.from_status
LEFT JOIN vocabulary t ON t.name = 'status' AND t.number = e.to_status;
