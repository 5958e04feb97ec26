-- A service's own questions (the form asks them; Open311 service definitions are built
-- from them), and each case's answers.

CREATE TABLE service_fields (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services (id),
    position INTEGER NOT NULL,
    -- The variable name, e.g. bin_type: form fields are named answer-CODE.
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    hint TEXT NOT NULL DEFAULT '',
    -- text, number, date, single or multiple; see services::FieldKind.
    kind TEXT NOT NULL,
    required INTEGER NOT NULL DEFAULT 0,
    -- For single and multiple: a JSON array of {"key": ..., "name": ...}.
    choices TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT service_fields_code_key UNIQUE (service_id, code)
);

-- The question's words are kept with the answer, so a case reads as it was asked even
-- after the service's questions change.
CREATE TABLE case_answers (
    case_id INTEGER NOT NULL REFERENCES cases (id),
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    -- As stored: text, a number, a date as YYYY-MM-DD, or choice keys joined by commas.
    value TEXT NOT NULL,
    -- In words: the choices' names.
    shown TEXT NOT NULL,
    CONSTRAINT case_answers_pkey PRIMARY KEY (case_id, code)
);
