-- Keys, served models, price versions and tenant policies: small tables, read far more than written.
-- Ids compare byte-wise (COLLATE "C") so that ORDER BY id matches Java's String order for the
-- printable-ASCII ids the domain allows, whatever the database's default collation.

CREATE TABLE virtual_keys (
    id             text COLLATE "C" PRIMARY KEY,
    key_hash       text COLLATE "C" NOT NULL,  -- SHA-256 hex of the secret; the secret is never stored
    tenant_id      text COLLATE "C" NOT NULL,
    team_id        text COLLATE "C",
    alias          text NOT NULL,
    hint           text NOT NULL,
    allowed_models text[] NOT NULL,             -- empty: every model the tenant may call
    expires_at     timestamptz,
    blocked        boolean NOT NULL,
    created_at     timestamptz NOT NULL,
    CONSTRAINT virtual_keys_hash_unique UNIQUE (key_hash)
);

-- listByTenant: a tenant's keys by creation time, then id.
CREATE INDEX virtual_keys_by_tenant ON virtual_keys (tenant_id, created_at, id);

CREATE TABLE models (
    name              text COLLATE "C" PRIMARY KEY,
    upstream_name     text NOT NULL,
    max_output_tokens bigint NOT NULL CHECK (max_output_tokens >= 1)
);

-- Add-only: a price change is a new row from an instant on. Prices are nano-USD per million tokens.
CREATE TABLE price_versions (
    model                              text COLLATE "C" NOT NULL,
    effective_from                     timestamptz NOT NULL,
    input_nano_usd_per_mtok            bigint NOT NULL CHECK (input_nano_usd_per_mtok >= 0),
    cached_input_nano_usd_per_mtok     bigint NOT NULL CHECK (cached_input_nano_usd_per_mtok >= 0),
    cache_write_input_nano_usd_per_mtok bigint NOT NULL CHECK (cache_write_input_nano_usd_per_mtok >= 0),
    output_nano_usd_per_mtok           bigint NOT NULL CHECK (output_nano_usd_per_mtok >= 0),
    reasoning_nano_usd_per_mtok        bigint CHECK (reasoning_nano_usd_per_mtok >= 0), -- NULL: the output rate
    request_fee_nano_usd               bigint NOT NULL CHECK (request_fee_nano_usd >= 0),
    PRIMARY KEY (model, effective_from)
);

CREATE TABLE tenant_policies (
    tenant_id      text COLLATE "C" PRIMARY KEY,
    allowed_models text[] NOT NULL,
    alias_names    text[] NOT NULL,  -- alias_names[i] means alias_models[i]
    alias_models   text[] NOT NULL,
    objective      text,
    fairness_id    text,
    CHECK (cardinality(alias_names) = cardinality(alias_models))
);
