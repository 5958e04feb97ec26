-- Meeting people: the reception queue, appointments and officers' home visits, each
-- timed against its published standard. Times are UTC milliseconds; a day is the
-- council-local date as a number (20261205).

-- Every officer's identity card number, which a resident can check at /check-officer.
ALTER TABLE staff_users ADD COLUMN id_card TEXT;
CREATE UNIQUE INDEX staff_users_id_card_idx ON staff_users (id_card);

-- A calendar file (RFC 5545) sent with a message: an appointment's or a visit's.
ALTER TABLE outbox ADD COLUMN calendar TEXT;

-- A visitor at a reception desk. state: waiting, called, being_seen, seen, left. ticket
-- is the site's number for the day (A001), unique there. told is what a visitor who
-- waited long was told (why, and for how long), and told_at when. measured is 1 or 0
-- once the visitor-seen standard is decided for the visit (met or missed), NULL before.
CREATE TABLE reception_visits (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    day INTEGER NOT NULL,
    ticket TEXT NOT NULL,
    name TEXT NOT NULL,
    service_id INTEGER NOT NULL REFERENCES services (id),
    needs TEXT NOT NULL,
    state TEXT NOT NULL,
    arrived_at INTEGER NOT NULL,
    called_at INTEGER,
    started_at INTEGER,
    finished_at INTEGER,
    desk TEXT,
    told_at INTEGER,
    told TEXT,
    measured INTEGER,
    customer_id INTEGER REFERENCES customers (id),
    case_id INTEGER REFERENCES cases (id),
    appointment_id INTEGER,
    CONSTRAINT reception_visits_ticket_key UNIQUE (site, day, ticket)
);
CREATE INDEX reception_visits_day_idx ON reception_visits (site, day, arrived_at);
CREATE INDEX reception_visits_arrived_idx ON reception_visits (arrived_at);

-- Each change of a visit's state: who made it and when.
CREATE TABLE reception_steps (
    id INTEGER PRIMARY KEY,
    visit_id INTEGER NOT NULL REFERENCES reception_visits (id),
    at INTEGER NOT NULL,
    staff_id INTEGER REFERENCES staff_users (id),
    state TEXT NOT NULL,
    note TEXT
);
CREATE INDEX reception_steps_visit_idx ON reception_steps (visit_id);

-- An appointment with a bookable service, on a case (its reference is the case's).
-- state: booked, arrived, started, finished, cancelled, no_show. place is which of the
-- slot's places it holds (1 to the service's places); a cancelled or moved-away booking
-- gives it up (NULL), and the unique key makes double booking impossible on either
-- database, however many requests arrive at once. sequence is the calendar file's
-- SEQUENCE, raised by every change. token_hash is the hash of the link the customer
-- changes or cancels with. measured is 1 or 0 once the appointment standard is decided.
CREATE TABLE appointments (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    site TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    place INTEGER,
    state TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    uid TEXT NOT NULL CONSTRAINT appointments_uid_key UNIQUE,
    token_hash TEXT NOT NULL CONSTRAINT appointments_token_key UNIQUE,
    booked_by INTEGER REFERENCES staff_users (id),
    booked_at INTEGER NOT NULL,
    arrived_at INTEGER,
    started_at INTEGER,
    finished_at INTEGER,
    reminded_at INTEGER,
    measured INTEGER,
    CONSTRAINT appointments_slot_key UNIQUE (service_id, starts_at, place)
);
CREATE INDEX appointments_starts_idx ON appointments (starts_at);
CREATE INDEX appointments_case_idx ON appointments (case_id);

-- An officer's visit to a home, on a case. state: arranged, arrived, done, cancelled.
-- The arranged time is due_at, or the window due_at to window_end.
CREATE TABLE officer_visits (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    officer_id INTEGER NOT NULL REFERENCES staff_users (id),
    due_at INTEGER NOT NULL,
    window_end INTEGER,
    state TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    uid TEXT NOT NULL CONSTRAINT officer_visits_uid_key UNIQUE,
    arranged_by INTEGER REFERENCES staff_users (id),
    arranged_at INTEGER NOT NULL,
    arrived_at INTEGER,
    finished_at INTEGER,
    outcome TEXT,
    measured INTEGER
);
CREATE INDEX officer_visits_officer_idx ON officer_visits (officer_id, due_at);
CREATE INDEX officer_visits_case_idx ON officer_visits (case_id);

-- Each change to, or cancellation of, an appointment or a visit, and when the customer
-- was told. A change the council made meets the change standard when the notice went
-- out at least 24 hours before the start it changed (met 1 or 0); a change the
-- customer asked for is recorded with met NULL.
CREATE TABLE meeting_changes (
    id INTEGER PRIMARY KEY,
    appointment_id INTEGER REFERENCES appointments (id),
    visit_id INTEGER REFERENCES officer_visits (id),
    service_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    by_council INTEGER NOT NULL,
    old_start INTEGER NOT NULL,
    new_start INTEGER,
    reason TEXT,
    staff_id INTEGER REFERENCES staff_users (id),
    notified_at INTEGER NOT NULL,
    met INTEGER
);
CREATE INDEX meeting_changes_notified_idx ON meeting_changes (notified_at);
