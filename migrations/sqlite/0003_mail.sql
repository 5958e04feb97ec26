-- Email in and out: every message the SMTP listener or `import-email` received, stored
-- raw before the listener says 250, and what became of it; and what the outbox needs to
-- thread, rate-limit and give up on its messages.

CREATE TABLE inbound_mail (
    id INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    -- smtp or import
    source TEXT NOT NULL,
    -- The SMTP client's address, or the imported file's path.
    peer TEXT NOT NULL,
    envelope_from TEXT,
    envelope_to TEXT,
    raw BLOB NOT NULL,
    size INTEGER NOT NULL,
    -- new, case, reply, recorded, ignored or quarantined; see mail::Outcome.
    state TEXT NOT NULL DEFAULT 'new',
    reason TEXT,
    message_id TEXT,
    from_address TEXT,
    subject TEXT,
    case_id INTEGER REFERENCES cases (id),
    processed_at INTEGER
);
CREATE INDEX inbound_mail_state_idx ON inbound_mail (state, id);
CREATE INDEX inbound_mail_message_id_idx ON inbound_mail (message_id) WHERE message_id IS NOT NULL;

-- acknowledgement, update or reply: acknowledgements are rate-limited per recipient.
ALTER TABLE outbox ADD COLUMN purpose TEXT NOT NULL DEFAULT 'update';
ALTER TABLE outbox ADD COLUMN in_reply_to TEXT;
ALTER TABLE outbox ADD COLUMN refs TEXT;
-- Set when delivery was refused for good, or a bounce came back.
ALTER TABLE outbox ADD COLUMN failed_at INTEGER;
CREATE INDEX outbox_recipient_idx ON outbox (recipient, purpose, created_at);
