-- Reply templates administrators manage. {name}, {reference} and {service} are filled in
-- when an officer starts a reply from one.
CREATE TABLE reply_templates (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CONSTRAINT reply_templates_name_key UNIQUE,
    body TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    updated_by INTEGER REFERENCES staff_users (id),
    updated_at INTEGER NOT NULL
);
