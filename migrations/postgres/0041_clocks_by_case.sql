-- A clock is known by its case and standard, and has no number of its own (issue 34): the
-- sweep claims a firing by both, and nothing refers to a clock's id. The id and its index
-- go, and (case_id, standard_id) is the primary key. (SQLite's migration of the same
-- number stores the table by that key.)
ALTER TABLE clocks DROP COLUMN id;
ALTER TABLE clocks DROP CONSTRAINT clocks_case_standard_key;
ALTER TABLE clocks ADD CONSTRAINT clocks_pkey PRIMARY KEY (case_id, standard_id);
