-- Storage (issue 34). Two things PostgreSQL kept that nothing reads:
--
-- 1. A case's search document as text beside its words. Searches read only the words
--    (`doc`, a tsvector, and its GIN index); the text was there to make them, and
--    `search::db::reindex` now makes them from the document as it writes, so the text
--    goes: about 300 bytes a case, a third of the table (docs/benchmarks.md, 7 December).
--    The table is made again, not altered: a dropped column's bytes stay in every row
--    until the table is rewritten.
-- 2. The trailing `id` of the indexes that find a case's events and contacts. A case has
--    a few of each, read whole and sorted; with `id` in the index every entry was unique,
--    and PostgreSQL could not keep a case's entries as one key with a list of rows
--    (deduplication, PostgreSQL 13). The events' index was 67 MB at 200,000 cases, and is
--    19 MB on (case_id) alone.
CREATE TABLE case_search_words (
    case_id BIGINT NOT NULL PRIMARY KEY REFERENCES cases (id),
    doc tsvector NOT NULL
);
INSERT INTO case_search_words (case_id, doc) SELECT case_id, doc FROM case_search;
DROP TABLE case_search;
ALTER TABLE case_search_words RENAME TO case_search;
ALTER INDEX case_search_words_pkey RENAME TO case_search_pkey;
ALTER TABLE case_search RENAME CONSTRAINT case_search_words_case_id_fkey TO case_search_case_id_fkey;
CREATE INDEX case_search_doc_idx ON case_search USING GIN (doc);

DROP INDEX case_events_case_idx;
CREATE INDEX case_events_case_idx ON case_events (case_id);
DROP INDEX contacts_case_idx;
CREATE INDEX contacts_case_idx ON contacts (case_id);
ANALYZE case_search;
