-- Tell us once: a customer recorded twice (a phone call, then an email) can be merged.
-- The merged record stays, pointing at the one kept, so an old email address or phone
-- number still finds the person; its cases and contacts move to the kept record.
ALTER TABLE customers ADD COLUMN merged_into BIGINT REFERENCES customers (id);
ALTER TABLE customers ADD COLUMN merged_at BIGINT;
ALTER TABLE customers ADD COLUMN merged_by BIGINT REFERENCES staff_users (id);
CREATE INDEX customers_merged_idx ON customers (merged_into);
-- For suggesting likely duplicates: the same name, or the same property.
CREATE INDEX customers_name_idx ON customers (lower(name));
CREATE INDEX customers_uprn_idx ON customers (uprn);
