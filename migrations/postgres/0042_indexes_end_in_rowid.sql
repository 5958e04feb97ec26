-- SQLite's migration of this number takes the trailing `id` out of indexes whose entries
-- end in the row id already. PostgreSQL's index entries hold no row id, so its indexes
-- keep the column, and nothing changes here; the file keeps the two databases' migrations
-- numbered alike.
SELECT 1;
