-- The whole council's contacts day by day, every service's summed: the insight report's
-- weekly trends read a year and eight weeks of these (about 13,000 rows) where they summed
-- every service's (200,000 rows at ten million cases, docs/benchmarks.md). Kept by a
-- trigger on rollup_days for the contacts count only, so every writer keeps it with no
-- statement of its own and other counts cost nothing more.
CREATE TABLE rollup_council_days (
    metric TEXT NOT NULL,
    day BIGINT NOT NULL,
    key TEXT NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (metric, day, key)
);
INSERT INTO rollup_council_days (metric, day, key, value)
SELECT metric, day, key, SUM(value) FROM rollup_days WHERE metric = 'contacts' GROUP BY metric, day, key;
CREATE FUNCTION rollup_council_days_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE rollup_council_days SET value = value - OLD.value
        WHERE metric = OLD.metric AND day = OLD.day AND key = OLD.key;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO rollup_council_days (metric, day, key, value) VALUES (NEW.metric, NEW.day, NEW.key, NEW.value)
        ON CONFLICT (metric, day, key) DO UPDATE SET value = rollup_council_days.value + excluded.value;
    END IF;
    RETURN NULL;
END
$$;
-- Only the contacts count fires it: the others cost no call.
CREATE TRIGGER rollup_council_days_keep AFTER INSERT OR UPDATE ON rollup_days
FOR EACH ROW WHEN (NEW.metric = 'contacts') EXECUTE FUNCTION rollup_council_days_keep();
CREATE TRIGGER rollup_council_days_drop AFTER DELETE ON rollup_days
FOR EACH ROW WHEN (OLD.metric = 'contacts') EXECUTE FUNCTION rollup_council_days_keep();
