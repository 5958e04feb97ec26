-- A customer's contacts are read all together (the subject access export) or filtered by
-- time (the acknowledgement's loop guard), and put in id order after: a customer has tens of
-- contacts, not thousands. On (customer_id) alone, PostgreSQL keeps each customer's entries
-- as one posting list (deduplication), which the trailing `id` prevented, since every entry
-- differed: at a million cases the index is 27.6 MB built afresh, against 70.7 MB afresh and
-- 107.5 MB as a seed left it with `id`. SQLite's index lost its trailing `id` in migration
-- 0042; its migration of this number changes nothing.
DROP INDEX contacts_customer_idx;
CREATE INDEX contacts_customer_idx ON contacts (customer_id);
