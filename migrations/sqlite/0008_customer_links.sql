-- Tell us once, for residents: the acknowledgement email carries a link that lets its
-- reader report something else without typing their details again. The link holds a
-- random token; only its SHA-256 is kept. Reading the email proves the address, so the
-- form can take the customer's details from their record.
CREATE TABLE customer_links (
    token_hash TEXT NOT NULL CONSTRAINT customer_links_pkey PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX customer_links_customer_idx ON customer_links (customer_id);
