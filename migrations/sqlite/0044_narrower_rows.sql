-- PostgreSQL's migration of this number puts its events' and clocks' columns in an order
-- that wastes no bytes on alignment, with narrower types for flags and small numbers.
-- SQLite keeps every integer in as few bytes as its value needs, whatever the column's
-- order or declared type; the file keeps the two databases' migrations numbered alike.
SELECT 1;
