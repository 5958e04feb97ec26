-- No query reads cases by team and status together. The team's queue reads its own partial
-- index (cases_queue_team_idx), and the open workload reads the index of open cases
-- (cases_open_groups_idx). Every statement the integration suite ran on 7 December 2026,
-- planned on a seeded 50,000-case database on each database, used this index once, on
-- SQLite, as the narrowest index to scan for `SELECT team_id FROM cases`, and never on
-- PostgreSQL. It cost an entry for every case, written when a case is made and again at
-- each change of status: 18 MB a million cases on SQLite and 73 MB on PostgreSQL.
DROP INDEX cases_team_status_idx;
