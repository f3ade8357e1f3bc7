-- Administration: tenants and their teams, the audit log and idempotency keys; keys gain a role,
-- labels and a rotation's previous hash; tenant policies gain an active flag.
--
-- Labels and audit states are jsonb objects of string values: exact for any text PostgreSQL can
-- hold (quotes, backslashes, any Unicode; not U+0000, which no text column takes), queryable
-- (after->>'alias'), and built and read by the adapter with jsonb_object(names, values) and
-- jsonb_each_text, so no JSON is written or parsed in Java.

CREATE TABLE tenants (
    id         text COLLATE "C" PRIMARY KEY,
    name       text NOT NULL,
    metadata   jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz NOT NULL
);

-- Team ids are per tenant: two tenants may both have a team 'ml'.
CREATE TABLE teams (
    tenant_id  text COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         text COLLATE "C" NOT NULL,
    name       text NOT NULL,
    metadata   jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- Append-only. The adapter appends under a transaction-level advisory lock, so sequence order is
-- also commit order: a reader paging newest first by `sequence < before` never skips an entry
-- that commits late with a lower number.
CREATE TABLE audit_log (
    sequence    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    actor       text NOT NULL,
    tenant_id   text COLLATE "C",  -- NULL: a platform object (a price, a model)
    action      text NOT NULL,
    object_type text NOT NULL,
    object_id   text NOT NULL,
    before      jsonb NOT NULL CHECK (jsonb_typeof(before) = 'object'),
    after       jsonb NOT NULL CHECK (jsonb_typeof(after) = 'object')
);
-- A tenant's entries newest first; the unfiltered list reads the primary key backwards.
CREATE INDEX audit_log_by_tenant ON audit_log (tenant_id, sequence DESC);

-- A claim is the row's insert (INSERT ... ON CONFLICT DO NOTHING); result_id NULL: in progress.
CREATE TABLE idempotency_keys (
    scope       text COLLATE "C" NOT NULL,
    key         text COLLATE "C" NOT NULL,
    fingerprint text NOT NULL,
    result_id   text,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_by_creation ON idempotency_keys (created_at);

ALTER TABLE tenant_policies ADD COLUMN active boolean NOT NULL DEFAULT true;

ALTER TABLE virtual_keys
    ADD COLUMN role text NOT NULL DEFAULT 'INFERENCE'
        CHECK (role IN ('INFERENCE', 'TENANT_ADMIN')),
    ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    ADD COLUMN previous_key_hash text COLLATE "C",
    ADD COLUMN previous_valid_until timestamptz,
    ADD CONSTRAINT virtual_keys_previous_hash_unique UNIQUE (previous_key_hash),
    ADD CONSTRAINT virtual_keys_previous_complete
        CHECK ((previous_key_hash IS NULL) = (previous_valid_until IS NULL)),
    ADD CONSTRAINT virtual_keys_previous_differs CHECK (previous_key_hash <> key_hash);

-- A team's keys in listing order (listByTenant with a team).
CREATE INDEX virtual_keys_by_team ON virtual_keys (tenant_id, team_id, created_at, id)
    WHERE team_id IS NOT NULL;

-- Every hash that opens a key, current or previous, once across both columns: two UNIQUE
-- constraints cannot stop a hash being current on one key and previous on another. A trigger
-- keeps this table in step with virtual_keys inside the writing statement, so its primary key
-- fails that statement (SQLState 23505) whoever writes the row, and two concurrent saves of one
-- hash cannot both pass (the unique index serializes them, unlike a check-then-write trigger).
-- Lookups still read virtual_keys (key_hash = h OR previous_key_hash = h, both indexed).
CREATE TABLE key_hashes (
    hash   text COLLATE "C" PRIMARY KEY,
    key_id text COLLATE "C" NOT NULL REFERENCES virtual_keys (id) ON DELETE CASCADE
);
CREATE INDEX key_hashes_by_key ON key_hashes (key_id);

INSERT INTO key_hashes (hash, key_id) SELECT key_hash, id FROM virtual_keys;

CREATE FUNCTION virtual_keys_claim_hashes() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM ${flyway:defaultSchema}.key_hashes WHERE key_id = OLD.id;
    END IF;
    INSERT INTO ${flyway:defaultSchema}.key_hashes (hash, key_id) VALUES (NEW.key_hash, NEW.id);
    IF NEW.previous_key_hash IS NOT NULL THEN
        INSERT INTO ${flyway:defaultSchema}.key_hashes (hash, key_id)
            VALUES (NEW.previous_key_hash, NEW.id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER virtual_keys_hashes_on_insert AFTER INSERT ON virtual_keys
    FOR EACH ROW EXECUTE FUNCTION virtual_keys_claim_hashes();

-- Most saves (block, relabel) keep both hashes: nothing to do for them.
CREATE TRIGGER virtual_keys_hashes_on_update AFTER UPDATE ON virtual_keys
    FOR EACH ROW
    WHEN (OLD.key_hash IS DISTINCT FROM NEW.key_hash
          OR OLD.previous_key_hash IS DISTINCT FROM NEW.previous_key_hash
          OR OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION virtual_keys_claim_hashes();
