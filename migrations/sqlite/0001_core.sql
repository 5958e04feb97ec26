-- The case core. Times are i64 milliseconds since the Unix epoch, UTC.
-- Flags are integers 0/1 so one SQL text serves SQLite and PostgreSQL.

CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL CONSTRAINT teams_code_key UNIQUE,
    name TEXT NOT NULL,
    email TEXT
);

CREATE TABLE partners (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL CONSTRAINT partners_code_key UNIQUE,
    name TEXT NOT NULL,
    email TEXT
);

CREATE TABLE staff_users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL CONSTRAINT staff_users_email_key UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    team_id INTEGER REFERENCES teams (id),
    partner_id INTEGER REFERENCES partners (id),
    password_hash TEXT,
    created_at INTEGER NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE services (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL CONSTRAINT services_code_key UNIQUE,
    name TEXT NOT NULL,
    group_name TEXT NOT NULL,
    description TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT '',
    case_type TEXT NOT NULL,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    partner_id INTEGER REFERENCES partners (id),
    asks_location INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'person',
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    address TEXT,
    postcode TEXT,
    uprn INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX customers_email_idx ON customers (email);
CREATE INDEX customers_phone_idx ON customers (phone);

-- AUTOINCREMENT: a case id is never reused, because its reference is derived from it.
CREATE TABLE cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_type TEXT NOT NULL,
    channel TEXT NOT NULL,
    service_id INTEGER NOT NULL REFERENCES services (id),
    customer_id INTEGER REFERENCES customers (id),
    status TEXT NOT NULL,
    priority TEXT NOT NULL,
    description TEXT NOT NULL,
    address TEXT,
    postcode TEXT,
    uprn INTEGER,
    ward TEXT,
    -- Ten-millionths of a degree (about 1 cm), as integers: see cases::db.
    lat_e7 INTEGER,
    lng_e7 INTEGER,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    officer_id INTEGER REFERENCES staff_users (id),
    partner_id INTEGER REFERENCES partners (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX cases_team_status_idx ON cases (team_id, status, id);
CREATE INDEX cases_customer_idx ON cases (customer_id, id);
CREATE INDEX cases_partner_idx ON cases (partner_id, id);
CREATE INDEX cases_created_idx ON cases (created_at);

CREATE TABLE case_events (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    at INTEGER NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id INTEGER,
    kind TEXT NOT NULL,
    public INTEGER NOT NULL,
    body TEXT,
    from_status TEXT,
    to_status TEXT
);
CREATE INDEX case_events_case_idx ON case_events (case_id, id);
CREATE INDEX case_events_at_idx ON case_events (at);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES cases (id),
    customer_id INTEGER REFERENCES customers (id),
    channel TEXT NOT NULL,
    direction TEXT NOT NULL,
    at INTEGER NOT NULL,
    subject TEXT,
    body TEXT NOT NULL
);
CREATE INDEX contacts_case_idx ON contacts (case_id, id);
CREATE INDEX contacts_customer_idx ON contacts (customer_id, id);
