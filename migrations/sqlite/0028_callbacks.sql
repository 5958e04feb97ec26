-- Callbacks: a promise to phone a customer inside a window they chose (or as soon as
-- possible: within one working day). One row a callback; a case may have several over
-- time. state is due until settled: made (a call answered) or gave_up (three tries with
-- no answer, after which the customer is written to). kept is decided by the first try:
-- 1 if it was inside the window, 0 if not, NULL before any try.
CREATE TABLE callbacks (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    phone TEXT NOT NULL,
    window_from INTEGER NOT NULL,
    window_to INTEGER NOT NULL,
    asap INTEGER NOT NULL,
    booked_by INTEGER REFERENCES staff_users (id),
    booked_at INTEGER NOT NULL,
    state TEXT NOT NULL,
    tries INTEGER NOT NULL,
    kept INTEGER,
    settled_at INTEGER
);
-- Advisers' list of callbacks due, in window order.
CREATE INDEX callbacks_due_idx ON callbacks (window_from) WHERE state = 'due';
CREATE INDEX callbacks_case_idx ON callbacks (case_id);

-- Each try: who rang, when, and what happened (answered, no_answer, voicemail).
CREATE TABLE callback_tries (
    id INTEGER PRIMARY KEY,
    callback_id INTEGER NOT NULL REFERENCES callbacks (id),
    at INTEGER NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff_users (id),
    outcome TEXT NOT NULL
);
CREATE INDEX callback_tries_callback_idx ON callback_tries (callback_id);
