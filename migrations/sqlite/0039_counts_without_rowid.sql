-- The running counts stored by their key, with no rowid (issue 34). A rowid table with a
-- primary key keeps every count twice, once in the table and once in the key's index;
-- and rollup_days kept it a third time in rollup_days_metric_idx, for the insight report.
-- Stored by (metric, day, service, key), the table is that index: the report reads one
-- metric's days from it as before, rollups::db::add's upsert still finds a count by the
-- same four columns, and a new case's counts touch one B-tree a table, not three or two.
-- At a million cases this was about 129 MB of rollup_days (table, key and metric index)
-- and the months' two copies (docs/benchmarks.md, 7 December).
CREATE TABLE rollup_days_keyed (
    metric TEXT NOT NULL,
    day INTEGER NOT NULL,
    service_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (metric, day, service_id, key)
) WITHOUT ROWID;
INSERT INTO rollup_days_keyed (metric, day, service_id, key, value)
SELECT metric, day, service_id, key, value FROM rollup_days;
-- Takes rollup_days_metric_idx and the council days' triggers with it.
DROP TABLE rollup_days;
ALTER TABLE rollup_days_keyed RENAME TO rollup_days;

CREATE TABLE rollup_months_keyed (
    month INTEGER NOT NULL,
    service_id INTEGER NOT NULL,
    metric TEXT NOT NULL,
    key TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (month, metric, service_id, key)
) WITHOUT ROWID;
INSERT INTO rollup_months_keyed (month, service_id, metric, key, value)
SELECT month, service_id, metric, key, value FROM rollup_months;
DROP TABLE rollup_months;
ALTER TABLE rollup_months_keyed RENAME TO rollup_months;

-- The council's days and months, kept as migrations 0036 and 0024 keep them.
CREATE TRIGGER rollup_council_days_insert AFTER INSERT ON rollup_days WHEN NEW.metric = 'contacts' BEGIN
    INSERT INTO rollup_council_days (metric, day, key, value) VALUES (NEW.metric, NEW.day, NEW.key, NEW.value)
    ON CONFLICT (metric, day, key) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER rollup_council_days_update AFTER UPDATE OF value ON rollup_days WHEN NEW.metric = 'contacts' BEGIN
    UPDATE rollup_council_days SET value = value + NEW.value - OLD.value
    WHERE metric = NEW.metric AND day = NEW.day AND key = NEW.key;
END;
CREATE TRIGGER rollup_council_days_delete AFTER DELETE ON rollup_days WHEN OLD.metric = 'contacts' BEGIN
    UPDATE rollup_council_days SET value = value - OLD.value
    WHERE metric = OLD.metric AND day = OLD.day AND key = OLD.key;
END;
CREATE TRIGGER rollup_council_months_insert AFTER INSERT ON rollup_months BEGIN
    INSERT INTO rollup_council_months (month, metric, key, value) VALUES (NEW.month, NEW.metric, NEW.key, NEW.value)
    ON CONFLICT (month, metric, key) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER rollup_council_months_update AFTER UPDATE OF value ON rollup_months BEGIN
    UPDATE rollup_council_months SET value = value + NEW.value - OLD.value
    WHERE month = NEW.month AND metric = NEW.metric AND key = NEW.key;
END;
CREATE TRIGGER rollup_council_months_delete AFTER DELETE ON rollup_months BEGIN
    UPDATE rollup_council_months SET value = value - OLD.value
    WHERE month = OLD.month AND metric = OLD.metric AND key = OLD.key;
END;
