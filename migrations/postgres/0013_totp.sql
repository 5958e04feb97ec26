-- An optional second step at sign-in: a time-based code (RFC 6238) from an app on the
-- person's phone. The secret is the base32 the app was given. The last time step used
-- is kept, so a code cannot be used twice.
ALTER TABLE staff_users ADD COLUMN totp_secret TEXT;
ALTER TABLE staff_users ADD COLUMN totp_last_step BIGINT;

-- Between the password and the code: a short-lived challenge, held in a cookie as a
-- random token of which only the SHA-256 is kept.
CREATE TABLE sign_in_challenges (
    token_hash TEXT NOT NULL CONSTRAINT sign_in_challenges_pkey PRIMARY KEY,
    staff_id BIGINT NOT NULL REFERENCES staff_users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
