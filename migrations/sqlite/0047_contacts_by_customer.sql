-- PostgreSQL's migration of this number takes the trailing `id` out of the index of a
-- customer's contacts. SQLite's lost it in migration 0042, since its index entries end in the
-- row id already; the file keeps the two databases' migrations numbered alike.
SELECT 1;
