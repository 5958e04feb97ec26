-- The whole council's monthly counts, every service's summed, beside each service's. The
-- performance page's council-wide view reads a year of these (about 1,200 rows) where it
-- summed every service's (27,500 rows at ten million cases, docs/benchmarks.md). Kept by a
-- trigger on rollup_months, so every writer of the running counts keeps it with no
-- statement of its own.
CREATE TABLE rollup_council_months (
    month BIGINT NOT NULL,
    metric TEXT NOT NULL,
    key TEXT NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (month, metric, key)
);
INSERT INTO rollup_council_months (month, metric, key, value)
SELECT month, metric, key, SUM(value) FROM rollup_months GROUP BY month, metric, key;
CREATE FUNCTION rollup_council_months_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE rollup_council_months SET value = value - OLD.value
        WHERE month = OLD.month AND metric = OLD.metric AND key = OLD.key;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO rollup_council_months (month, metric, key, value) VALUES (NEW.month, NEW.metric, NEW.key, NEW.value)
        ON CONFLICT (month, metric, key) DO UPDATE SET value = rollup_council_months.value + excluded.value;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER rollup_council_months_keep AFTER INSERT OR UPDATE OR DELETE ON rollup_months
FOR EACH ROW EXECUTE FUNCTION rollup_council_months_keep();
