-- Insight: what each contact from a customer was (value or failure demand), in their own
-- words; wards from the ONS Postcode Directory; councillors and their wards. See
-- docs/insight.md.

-- What an inbound contact was: value, or failure demand of a kind (progress_chasing,
-- not_done, clarification, misdirected, repeat). NULL for messages we sent. Contacts from
-- before this migration are counted as value demand: nothing was recorded to tell.
ALTER TABLE contacts ADD COLUMN demand TEXT;
UPDATE contacts SET demand = 'value' WHERE direction = 'in';
-- Why the customer got in touch, in their own words, as the adviser wrote it down.
ALTER TABLE contacts ADD COLUMN reason TEXT;

-- An adviser's correction of a contact's classification: what it was, what it became,
-- who and when. The contact row holds the latest.
CREATE TABLE demand_corrections (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    was TEXT NOT NULL,
    became TEXT NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff_users (id),
    at INTEGER NOT NULL
);
CREATE INDEX demand_corrections_contact_idx ON demand_corrections (contact_id);

-- Wards of the council's own area, with their populations, and each live postcode's ward
-- (the ONS Postcode Directory, imported by `frontdoor wards import`). Postcodes are kept
-- as the directory writes them in `pcds` ("KM1 4AA").
CREATE TABLE wards (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    population INTEGER
) WITHOUT ROWID;
CREATE TABLE ward_postcodes (
    postcode TEXT PRIMARY KEY,
    ward TEXT NOT NULL,
    lsoa TEXT
) WITHOUT ROWID;
CREATE INDEX cases_ward_idx ON cases (ward, id) WHERE ward IS NOT NULL;

-- A councillor's ward; and the councillor who made an enquiry on a resident's behalf.
ALTER TABLE staff_users ADD COLUMN ward TEXT;
ALTER TABLE cases ADD COLUMN councillor_id INTEGER REFERENCES staff_users (id);
CREATE INDEX cases_councillor_idx ON cases (councillor_id, id) WHERE councillor_id IS NOT NULL;

-- The insight report sums one metric's days over a period: read by metric first, so it
-- reads that metric's days and no others, however long the history; and with every column
-- it sums, so the sums read the index alone (docs/benchmarks.md).
CREATE INDEX rollup_days_metric_idx ON rollup_days (metric, day, service_id, key, value);

-- A case passed from one team to another (a hand-off), with who passed it and why: the
-- case's own record, and what the counts of hand-offs by team are rebuilt from.
CREATE TABLE case_handoffs (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    from_team INTEGER NOT NULL REFERENCES teams (id),
    to_team INTEGER NOT NULL REFERENCES teams (id),
    staff_id INTEGER REFERENCES staff_users (id),
    reason TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX case_handoffs_case_idx ON case_handoffs (case_id);
INSERT OR IGNORE INTO vocabulary (name, number, code) VALUES ('event_kind', 15, 'passed_on');
