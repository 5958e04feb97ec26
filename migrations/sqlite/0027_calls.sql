-- Phone calls, from the telephone system's call records (frontdoor calls import, POST
-- /api/v1/calls): one row per call in a queue, updated in place when a record is sent
-- again (call_id is the system's own id). wait_ms is the wait until answered, or until
-- the call ended unanswered. version is the source's own (Amazon Connect's
-- LastUpdateTimestamp), so an older copy never replaces a newer one.
CREATE TABLE calls (
    id INTEGER PRIMARY KEY,
    call_id TEXT NOT NULL UNIQUE,
    queue TEXT NOT NULL,
    enqueued_at INTEGER NOT NULL,
    answered_at INTEGER,
    ended_at INTEGER,
    outcome TEXT NOT NULL,
    wait_ms INTEGER NOT NULL,
    version INTEGER NOT NULL
);
-- Figures for a queue over a range of days read one range of this index.
CREATE INDEX calls_queue_enqueued_idx ON calls (queue, enqueued_at);
-- The expected wait reads a queue's latest answered calls.
CREATE INDEX calls_queue_answered_idx ON calls (queue, answered_at) WHERE answered_at IS NOT NULL;

-- Each queue's counts for each council-local day (20261102), recomputed from calls for the
-- days an import touches, and measured against the phone standard named (its target and
-- the short-abandon limit in force at the import). The phone standard's met and missed go
-- into the performance rollups (service 0: a call has no service) with the difference.
CREATE TABLE call_days (
    day INTEGER NOT NULL,
    queue TEXT NOT NULL,
    standard TEXT NOT NULL,
    offered INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    abandoned INTEGER NOT NULL,
    short_abandoned INTEGER NOT NULL,
    callbacks INTEGER NOT NULL,
    overflowed INTEGER NOT NULL,
    answered_within_target INTEGER NOT NULL,
    answer_wait_ms INTEGER NOT NULL,
    longest_wait_ms INTEGER NOT NULL,
    PRIMARY KEY (day, queue)
);
