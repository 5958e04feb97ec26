-- Search: one document per case (what it is about, where, who, and the words of every
-- contact), rewritten whenever any of it changes (search::db::reindex). SQLite's FTS5
-- here; PostgreSQL's full-text search in the other migration set. The rowid is the case id.
CREATE VIRTUAL TABLE case_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO case_search (rowid, body)
SELECT c.id,
       c.description || ' ' || COALESCE(c.address, '') || ' ' || COALESCE(c.postcode, '') || ' ' ||
       COALESCE(u.name, '') || ' ' || COALESCE(u.email, '') || ' ' || COALESCE(u.phone, '') || ' ' ||
       COALESCE((SELECT group_concat(COALESCE(k.subject, '') || ' ' || k.body, ' ') FROM contacts k WHERE k.case_id = c.id), '')
FROM cases c LEFT JOIN customers u ON u.id = c.customer_id;
-- Finding the cases at a postcode.
CREATE INDEX cases_postcode_idx ON cases (postcode, id);
