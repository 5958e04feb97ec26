-- PostgreSQL's migration of this number keeps each running count as parts, so that new
-- cases on different connections do not queue on one row. SQLite has one writer and no row
-- locks, so its counts stay as they are; the file keeps the two databases' migrations
-- numbered alike.
SELECT 1;
