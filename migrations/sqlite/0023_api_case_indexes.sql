-- The JSON API's case list, newest first by id under each of its filters, so a page
-- costs the same however long the history: found missing by the benchmark (a status
-- filter walked the whole table backwards, 40 ms a page at a million cases).
CREATE INDEX cases_status_idx ON cases (status, id);
-- Types other than service requests only: those are most cases, found fast enough by id,
-- and an index of them drew Open311's list (service requests by date) away from its own.
CREATE INDEX cases_type_idx ON cases (case_type, id) WHERE case_type <> 'service_request';
CREATE INDEX cases_service_idx ON cases (service_id, id);
CREATE INDEX cases_open_idx ON cases (id) WHERE status NOT IN ('resolved', 'closed');
