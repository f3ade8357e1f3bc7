-- The web console's sessions (docs/console.md). Stored here rather than in a replica's memory so
-- that a sign-in on one replica holds on every other and a sign-out on one ends it on all.
-- Only hashes: id_hash is the SHA-256 of the cookie's token, credential_hash that of the key
-- (or master key) that signed in, checked again on every request.
CREATE TABLE console_sessions (
    id_hash         text COLLATE "C" PRIMARY KEY,
    tenant_id       text COLLATE "C",
    credential_hash text NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    CHECK (created_at < expires_at)
);

CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
