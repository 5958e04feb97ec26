-- The whole council's contacts day by day, every service's summed: the insight report's
-- weekly trends read a year and eight weeks of these (about 13,000 rows) where they summed
-- every service's through a sort (200,000 rows and 100 ms at ten million cases,
-- docs/benchmarks.md). Kept by triggers on rollup_days for the contacts count only, so
-- every writer keeps it with no statement of its own and other counts cost nothing more.
CREATE TABLE rollup_council_days (
    metric TEXT NOT NULL,
    day INTEGER NOT NULL,
    key TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (metric, day, key)
) WITHOUT ROWID;
INSERT INTO rollup_council_days (metric, day, key, value)
SELECT metric, day, key, SUM(value) FROM rollup_days WHERE metric = 'contacts' GROUP BY metric, day, key;
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
