-- The key that signs links to cases (`actions::by_customer::sign`) was made the first time a
-- link was signed. Made here, at install time, it is read with the installation's other keys
-- when the database is migrated (`Db::site_key`), and a new case no longer reads it. An
-- installation that has one already keeps it, so no link sent before stops working.
INSERT INTO site_keys (name, secret)
    VALUES ('case_links', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
    ON CONFLICT (name) DO NOTHING;
