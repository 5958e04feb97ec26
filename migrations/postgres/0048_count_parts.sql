-- The running counts in parts (issue 34). Every new case adds to the same few counts (its
-- service's and the whole council's for the day and the month), and on PostgreSQL each such
-- row stays locked from the counts' statement to the commit, so creations on different
-- connections queued on them (docs/benchmarks.md, 7 December 2026). Each count is now kept
-- as up to eight parts, and a connection adds to its own part (its server process's id,
-- modulo eight), so connections whose ids differ modulo eight never wait on each other's
-- counts. Readers see the same tables as before: each is now a view that sums the parts.
-- Housekeeping folds the parts into part 0 every hour (rollups::db::fold), so a count is a
-- row or two to read, not eight.
-- SQLite has one writer and no row locks; its counts are unchanged (its migration of this
-- number is empty).

ALTER TABLE rollup_days RENAME TO rollup_day_parts;
ALTER TABLE rollup_day_parts ADD COLUMN part SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE rollup_day_parts DROP CONSTRAINT rollup_days_pkey;
ALTER TABLE rollup_day_parts ADD CONSTRAINT rollup_day_parts_pkey
    PRIMARY KEY (metric, day, service_id, key, part) INCLUDE (value);
ALTER TABLE rollup_day_parts ALTER COLUMN part SET DEFAULT (pg_backend_pid() % 8);

ALTER TABLE rollup_months RENAME TO rollup_month_parts;
ALTER TABLE rollup_month_parts ADD COLUMN part SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE rollup_month_parts DROP CONSTRAINT rollup_months_pkey;
ALTER TABLE rollup_month_parts ADD CONSTRAINT rollup_month_parts_pkey PRIMARY KEY (month, metric, service_id, key, part);
ALTER TABLE rollup_month_parts ALTER COLUMN part SET DEFAULT (pg_backend_pid() % 8);

ALTER TABLE rollup_council_months RENAME TO rollup_council_month_parts;
ALTER TABLE rollup_council_month_parts ADD COLUMN part SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE rollup_council_month_parts DROP CONSTRAINT rollup_council_months_pkey;
ALTER TABLE rollup_council_month_parts ADD CONSTRAINT rollup_council_month_parts_pkey
    PRIMARY KEY (month, metric, key, part);

ALTER TABLE rollup_council_days RENAME TO rollup_council_day_parts;
ALTER TABLE rollup_council_day_parts ADD COLUMN part SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE rollup_council_day_parts DROP CONSTRAINT rollup_council_days_pkey;
ALTER TABLE rollup_council_day_parts ADD CONSTRAINT rollup_council_day_parts_pkey PRIMARY KEY (metric, day, key, part);

-- The parts other than 0, for the fold to find without reading every count (1.7 million
-- daily counts at ten million cases: 0.7 s, with the rows it locks held meanwhile). Small:
-- the fold leaves none. A write to a part other than 0 may add an entry here as it does to
-- the key.
CREATE INDEX rollup_day_parts_other_idx ON rollup_day_parts (metric, day, service_id, key, part) WHERE part <> 0;
CREATE INDEX rollup_month_parts_other_idx ON rollup_month_parts (month, metric, service_id, key, part) WHERE part <> 0;
CREATE INDEX rollup_council_month_parts_other_idx ON rollup_council_month_parts (month, metric, key, part)
    WHERE part <> 0;
CREATE INDEX rollup_council_day_parts_other_idx ON rollup_council_day_parts (metric, day, key, part) WHERE part <> 0;

-- The council's counts take the part of the service count that moved them. What is taken
-- off is an upsert too, as what is added is: housekeeping folds the council's parts and the
-- services' separately, and may fold a council part before the service part it came from.
CREATE OR REPLACE FUNCTION rollup_council_months_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO rollup_council_month_parts (month, metric, key, part, value)
        VALUES (OLD.month, OLD.metric, OLD.key, OLD.part, -OLD.value)
        ON CONFLICT (month, metric, key, part) DO UPDATE SET value = rollup_council_month_parts.value + excluded.value;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO rollup_council_month_parts (month, metric, key, part, value)
        VALUES (NEW.month, NEW.metric, NEW.key, NEW.part, NEW.value)
        ON CONFLICT (month, metric, key, part) DO UPDATE SET value = rollup_council_month_parts.value + excluded.value;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION rollup_council_days_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO rollup_council_day_parts (metric, day, key, part, value)
        VALUES (OLD.metric, OLD.day, OLD.key, OLD.part, -OLD.value)
        ON CONFLICT (metric, day, key, part) DO UPDATE SET value = rollup_council_day_parts.value + excluded.value;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO rollup_council_day_parts (metric, day, key, part, value)
        VALUES (NEW.metric, NEW.day, NEW.key, NEW.part, NEW.value)
        ON CONFLICT (metric, day, key, part) DO UPDATE SET value = rollup_council_day_parts.value + excluded.value;
    END IF;
    RETURN NULL;
END
$$;

-- The counts as every reader knew them. A filter on the grouped columns (a month, a metric)
-- is applied to the parts before they are summed. SUM of BIGINT is NUMERIC in PostgreSQL,
-- so each sum is cast back.
CREATE VIEW rollup_days AS
SELECT day, service_id, metric, key, CAST(SUM(value) AS BIGINT) AS value
FROM rollup_day_parts GROUP BY day, service_id, metric, key;

CREATE VIEW rollup_months AS
SELECT month, service_id, metric, key, CAST(SUM(value) AS BIGINT) AS value
FROM rollup_month_parts GROUP BY month, service_id, metric, key;

CREATE VIEW rollup_council_months AS
SELECT month, metric, key, CAST(SUM(value) AS BIGINT) AS value
FROM rollup_council_month_parts GROUP BY month, metric, key;

CREATE VIEW rollup_council_days AS
SELECT metric, day, key, CAST(SUM(value) AS BIGINT) AS value
FROM rollup_council_day_parts GROUP BY metric, day, key;

-- The planner's figures for the new column, so it knows the parts other than 0 are few.
ANALYZE rollup_day_parts, rollup_month_parts, rollup_council_month_parts, rollup_council_day_parts;
