-- PostgreSQL's migration of this number keeps a case's search words without their text, and
-- takes the trailing `id` out of the indexes of a case's events and contacts. SQLite's
-- full-text index holds no text already (contentless, migration 0017), and its indexes
-- lost the trailing `id` in migration 0042; the file keeps the two databases' migrations
-- numbered alike.
SELECT 1;
