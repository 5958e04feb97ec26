-- The whole council's monthly counts, every service's summed, beside each service's. The
-- performance page's council-wide view reads a year of these (about 1,200 rows) where it
-- summed every service's (22,000 rows at a million cases, 27,500 at ten million: most of
-- the page's time, docs/benchmarks.md). Kept by triggers on rollup_months, so every writer
-- of the running counts keeps it with no statement of its own; without a rowid, so a year
-- is read in key order with no lookups.
CREATE TABLE rollup_council_months (
    month INTEGER NOT NULL,
    metric TEXT NOT NULL,
    key TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (month, metric, key)
) WITHOUT ROWID;
INSERT INTO rollup_council_months (month, metric, key, value)
SELECT month, metric, key, SUM(value) FROM rollup_months GROUP BY month, metric, key;
-- rollups::db::add's upsert fires the insert trigger for a new count and the update
-- trigger for one it adds to.
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
