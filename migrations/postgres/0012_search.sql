-- Search: one document per case (what it is about, where, who, and the words of every
-- contact), rewritten whenever any of it changes (search::db::reindex). PostgreSQL's
-- full-text search here, with the 'simple' configuration (no stemming), so it finds what
-- SQLite's FTS5 finds; the SQLite migration set uses FTS5.
CREATE TABLE case_search (
    case_id BIGINT NOT NULL CONSTRAINT case_search_pkey PRIMARY KEY REFERENCES cases (id),
    body TEXT NOT NULL,
    doc tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
);
CREATE INDEX case_search_doc_idx ON case_search USING GIN (doc);
INSERT INTO case_search (case_id, body)
SELECT c.id,
       c.description || ' ' || COALESCE(c.address, '') || ' ' || COALESCE(c.postcode, '') || ' ' ||
       COALESCE(u.name, '') || ' ' || COALESCE(u.email, '') || ' ' || COALESCE(u.phone, '') || ' ' ||
       COALESCE((SELECT string_agg(COALESCE(k.subject, '') || ' ' || k.body, ' ') FROM contacts k WHERE k.case_id = c.id), '')
FROM cases c LEFT JOIN customers u ON u.id = c.customer_id;
-- Finding the cases at a postcode.
CREATE INDEX cases_postcode_idx ON cases (postcode, id);
