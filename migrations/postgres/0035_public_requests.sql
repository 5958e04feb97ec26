-- Services whose requests anyone may read through Open311 without a key: problems in the
-- street (potholes, fly-tipping, street lights, graffiti), as GeoReport v2 clients such as
-- FixMyStreet expect. Requests about a home or a person (council tax, benefits, a missed
-- bin at a house, complaints) stay behind a key. Off unless an administrator turns it on.
ALTER TABLE services ADD COLUMN public_requests BIGINT NOT NULL DEFAULT 0;
