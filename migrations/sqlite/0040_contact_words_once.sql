-- no-transaction
-- A contact whose words are its case's description keeps no copy of them (issue 34): the
-- contact that opens a case said what the case's description says, and kept it a second
-- time, a sixth of the contacts' bytes. Its body is NULL, and readers take the case's
-- description in its place (contacts::db::BODY). A case's description never changes
-- (anonymising replaces it and every contact's words together).
--
-- SQLite cannot drop a column's NOT NULL, so the table is made again, as migration 0025
-- made the events' (https://www.sqlite.org/lang_altertable.html#otheralter), with foreign
-- keys off while it is: demand_corrections refer to contacts. Each step can run again if
-- the migration is cut off before it is recorded.
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE IF EXISTS contacts_once;
CREATE TABLE contacts_once (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES cases (id),
    customer_id INTEGER REFERENCES customers (id),
    channel TEXT NOT NULL,
    direction TEXT NOT NULL,
    at INTEGER NOT NULL,
    subject TEXT,
    body TEXT,
    logged_by INTEGER REFERENCES staff_users (id),
    resolved_at_first_contact INTEGER NOT NULL DEFAULT 0,
    demand TEXT,
    reason TEXT
);
INSERT INTO contacts_once (id, case_id, customer_id, channel, direction, at, subject, body, logged_by,
                           resolved_at_first_contact, demand, reason)
SELECT k.id, k.case_id, k.customer_id, k.channel, k.direction, k.at, k.subject,
       CASE WHEN k.body = c.description THEN NULL ELSE k.body END,
       k.logged_by, k.resolved_at_first_contact, k.demand, k.reason
FROM contacts k LEFT JOIN cases c ON c.id = k.case_id ORDER BY k.id;
DROP TABLE contacts;
ALTER TABLE contacts_once RENAME TO contacts;
CREATE INDEX contacts_case_idx ON contacts (case_id, id);
CREATE INDEX contacts_customer_idx ON contacts (customer_id, id);
COMMIT;
PRAGMA foreign_keys = ON;
