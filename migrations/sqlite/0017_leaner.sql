-- Smaller and cheaper to write, found by the load benchmark (docs/benchmarks.md):
-- * clocks_state_due_idx served no query, and lured one case's lookup into walking every
--   running clock in the council; a case's clocks are found by (case_id, standard_id).
-- * Nothing reads events by time alone; the events feed pages by event id.
-- * The search index kept a second copy of every document. Nothing reads it back (the
--   rank needs only the index), so the table is contentless: about 300 bytes a case.
DROP INDEX clocks_state_due_idx;
DROP INDEX case_events_at_idx;
DROP TABLE case_search;
CREATE VIRTUAL TABLE case_search USING fts5(
    body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO case_search (rowid, body)
SELECT c.id,
       c.description || ' ' || COALESCE(c.address, '') || ' ' || COALESCE(c.postcode, '') || ' ' ||
       COALESCE(u.name, '') || ' ' || COALESCE(u.email, '') || ' ' || COALESCE(u.phone, '') || ' ' ||
       COALESCE((SELECT group_concat(COALESCE(k.subject, '') || ' ' || k.body, ' ') FROM contacts k WHERE k.case_id = c.id), '')
FROM cases c LEFT JOIN customers u ON u.id = c.customer_id;
