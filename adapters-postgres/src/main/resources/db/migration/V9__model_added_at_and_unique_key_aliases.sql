-- Models remember when they were first added (/v1/models reports it as "created"); models already
-- here count from this migration. Key aliases are unique within a tenant, as in LiteLLM.

ALTER TABLE models ADD COLUMN added_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE models ALTER COLUMN added_at DROP DEFAULT;

-- A deleted key's row is gone, so every row is a live key. An empty alias names nothing and may
-- repeat. Duplicates made before this rule: the oldest key keeps the alias, each other one gets
-- its id appended (cut to the 128 characters an alias may have).
UPDATE virtual_keys k
   SET alias = left(k.alias, 128 - length(k.id) - 3) || ' (' || k.id || ')'
  FROM (SELECT id, row_number() OVER (PARTITION BY tenant_id, alias ORDER BY created_at, id) AS n
          FROM virtual_keys WHERE alias <> '') d
 WHERE k.id = d.id AND d.n > 1;

CREATE UNIQUE INDEX virtual_keys_alias_unique ON virtual_keys (tenant_id, alias) WHERE alias <> '';
