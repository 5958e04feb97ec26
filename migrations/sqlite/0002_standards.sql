-- Calendars, versioned service standards, clocks per case, the job queue and the outbox.

-- Bank holidays imported from a GOV.UK-shaped file. The built-in 2015 to 2030 set lives
-- in the binary; rows here replace its years for their division.
CREATE TABLE bank_holidays (
    division TEXT NOT NULL,
    date TEXT NOT NULL,
    title TEXT NOT NULL,
    notes TEXT NOT NULL,
    bunting INTEGER NOT NULL,
    imported_at INTEGER NOT NULL,
    CONSTRAINT bank_holidays_pkey PRIMARY KEY (division, date)
);

CREATE TABLE calendar_closures (
    date TEXT NOT NULL CONSTRAINT calendar_closures_pkey PRIMARY KEY,
    reason TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- Every version of every standard ever in force. A clock names the version it started
-- under, so editing the policy never rewrites a case's history.
CREATE TABLE standard_versions (
    standard_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT standard_versions_pkey PRIMARY KEY (standard_id, version)
);

-- The current state of each clock, rebuilt from the case's events whenever they change.
-- next_fire_at is when the job runner must next look at it (a warning or a breach);
-- it is NULL when there is nothing to fire, so a sweep reads only clocks falling due.
CREATE TABLE clocks (
    id INTEGER PRIMARY KEY,
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
    CONSTRAINT clocks_case_standard_key UNIQUE (case_id, standard_id)
);
CREATE INDEX clocks_fire_idx ON clocks (next_fire_at) WHERE next_fire_at IS NOT NULL;
CREATE INDEX clocks_state_due_idx ON clocks (state, due_at);

-- Leased background work. A job is claimed by setting lease_owner and lease_until; a
-- crashed worker's lease runs out and another worker takes the job.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    job_key TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '',
    run_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    lease_owner TEXT,
    lease_until INTEGER,
    created_at INTEGER NOT NULL,
    CONSTRAINT jobs_kind_key UNIQUE (kind, job_key)
);
CREATE INDEX jobs_run_at_idx ON jobs (run_at);

-- Messages to customers, written in the same transaction as the change that caused
-- them. Delivery is a job; message_id is stable so a retried send is the same message.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES cases (id),
    customer_id INTEGER REFERENCES customers (id),
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    message_id TEXT NOT NULL CONSTRAINT outbox_message_id_key UNIQUE,
    auto_submitted TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX outbox_case_idx ON outbox (case_id, id);
CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL;
