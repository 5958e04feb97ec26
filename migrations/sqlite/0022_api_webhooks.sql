-- Idempotency-Key on the JSON API's creates (IETF httpapi draft): one row per key and
-- Idempotency-Key. case_id is set in the transaction that creates the case, so a replay
-- finds the case that was really committed; a row without one is a request in flight
-- until locked_until, or one that died before committing.
CREATE TABLE api_idempotency (
    api_key_id INTEGER NOT NULL REFERENCES api_keys (id),
    idem_key TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    case_id INTEGER REFERENCES cases (id),
    locked_until INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT api_idempotency_pkey PRIMARY KEY (api_key_id, idem_key)
);

-- Webhook subscriptions: a URL told of some kinds of case event, for every case or for
-- one partner's. The secret signs each delivery (Standard Webhooks); it is shown once.
CREATE TABLE webhook_subscriptions (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    -- Event kinds between commas, like ",status_changed,message,".
    kinds TEXT NOT NULL,
    partner_id INTEGER REFERENCES partners (id),
    secret TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES staff_users (id),
    created_at INTEGER NOT NULL,
    disabled_at INTEGER
);

-- The webhook outbox: one row for each event and subscription, written in the event's
-- own transaction. pending until delivered; dead after the last attempt fails.
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES webhook_subscriptions (id),
    case_id INTEGER NOT NULL REFERENCES cases (id),
    event_id INTEGER NOT NULL REFERENCES case_events (id),
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at INTEGER NOT NULL,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    delivered_at INTEGER
);
-- What is due, and the head of each case's line.
CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (subscription_id, case_id, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_dead_idx ON webhook_deliveries (id) WHERE state = 'dead';
