-- Keys imported from LiteLLM (`tollgate import litellm`) keep their secrets: the stored hash is
-- LiteLLM's own (SHA-256 hex of the `sk-...` secret, the same digest Tollgate stores for its keys).
-- Those secrets carry no Tollgate checksum; a secret without one opens a key only when this flag
-- is set, so a legacy-shaped string can never open a key Tollgate issued. Never set by the API.
ALTER TABLE virtual_keys ADD COLUMN legacy_format boolean NOT NULL DEFAULT false;
