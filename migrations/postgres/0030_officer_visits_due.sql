-- The home visits page lists every visit arranged in the next fortnight, across officers:
-- one range of this index, however many visits history holds.
CREATE INDEX officer_visits_due_idx ON officer_visits (due_at);
