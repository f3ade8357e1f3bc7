-- Secrets sealed under the salt key (AES-256-GCM, dev.tollgate.domain.secret): upstream
-- credentials, webhook secrets, and Tollgate's own key check. Never a secret in the clear.
-- key_id repeats the id inside the encoding so that "which keys sealed this store?" is one
-- indexed query; the CHECK keeps the two from ever disagreeing.

CREATE TABLE sealed_secrets (
    name   text COLLATE "C" PRIMARY KEY,
    key_id text COLLATE "C" NOT NULL CHECK (key_id ~ '^[0-9a-f]{16}$'),
    sealed text NOT NULL,  -- v1.<key id>.<nonce>.<ciphertext+tag>, base64url
    CHECK (split_part(sealed, '.', 2) = key_id)
);

CREATE INDEX sealed_secrets_by_key ON sealed_secrets (key_id);
