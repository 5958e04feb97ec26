-- A case's clocks stored by (case, standard), with no rowid (issue 34). The table had a
-- rowid and a unique index on (case_id, standard_id), so each clock's key was kept twice,
-- 83 MB of index at a million cases (docs/benchmarks.md, 7 December). Every lookup of a
-- clock is by its case, or its case and standard (the sweep claims a firing by both), so
-- the table is stored by that key, and a clock has no number of its own. Nothing refers to
-- a clock's id.
CREATE TABLE clocks_keyed (
    case_id INTEGER NOT NULL REFERENCES cases (id),
    standard_id TEXT NOT NULL,
    standard_version INTEGER NOT NULL,
    state TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    due_at INTEGER,
    warn_at INTEGER,
    stopped_at INTEGER,
    warned INTEGER NOT NULL DEFAULT 0,
    breached INTEGER NOT NULL DEFAULT 0,
    next_fire_at INTEGER,
    PRIMARY KEY (case_id, standard_id)
) WITHOUT ROWID;
INSERT INTO clocks_keyed (case_id, standard_id, standard_version, state, started_at, due_at, warn_at, stopped_at,
                          warned, breached, next_fire_at)
SELECT case_id, standard_id, standard_version, state, started_at, due_at, warn_at, stopped_at, warned, breached,
       next_fire_at
FROM clocks ORDER BY case_id, standard_id;
DROP TABLE clocks;
ALTER TABLE clocks_keyed RENAME TO clocks;
-- The sweep's: the clocks falling due, soonest first.
CREATE INDEX clocks_fire_idx ON clocks (next_fire_at) WHERE next_fire_at IS NOT NULL;
