-- Letters: customers who write, or who can only be written to. Times are UTC
-- milliseconds.

-- A customer who asked for post even though we hold an email address, and one who
-- asked for large print (at least 16 pt).
ALTER TABLE customers ADD COLUMN prefers_post INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN large_print INTEGER NOT NULL DEFAULT 0;

-- A letter is an outbox row with channel 'letter': recipient holds the name and postal
-- address, one line each. It counts as sent (sent_at) when it is first printed.
ALTER TABLE outbox ADD COLUMN large_print INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_post_idx ON outbox (id) WHERE channel = 'letter' AND sent_at IS NULL;
-- Letters printed lately, for a reprint: read by time, however long the outbox grows.
CREATE INDEX outbox_printed_idx ON outbox (sent_at) WHERE channel = 'letter';

-- Every printing of a letter: the first, and each deliberate reprint with its reason.
CREATE TABLE letter_prints (
    id INTEGER PRIMARY KEY,
    outbox_id INTEGER NOT NULL REFERENCES outbox (id),
    staff_id INTEGER REFERENCES staff_users (id),
    reprint INTEGER NOT NULL,
    reason TEXT,
    printed_at INTEGER NOT NULL
);
CREATE INDEX letter_prints_outbox_idx ON letter_prints (outbox_id, id);

-- A message to the customer that goes by post: a reply only once printed.
INSERT OR IGNORE INTO vocabulary (name, number, code) VALUES ('event_kind', 14, 'letter');
