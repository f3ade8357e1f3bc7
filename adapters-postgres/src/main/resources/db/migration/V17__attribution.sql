-- Attribution (docs/economics.md, "End-user budgets"): a tenant counts requests against end-user
-- scopes only once it has an end-user budget or limit, so that tenants without any never pay an
-- end-user scope's first-sight read nor are refused over one in an outage. Tenants that already
-- have one (imported from LiteLLM before this flag existed) are found from their scope keys,
-- 'end-user:<length of tenant id>:<tenant id>:<end user>'.
ALTER TABLE tenant_policies ADD COLUMN end_user_budgets boolean NOT NULL DEFAULT false;

WITH end_user_scopes AS (
    SELECT substr(scope_key, 10) AS rest FROM budgets WHERE scope_key LIKE 'end-user:%'
    UNION SELECT substr(scope_key, 10) FROM rate_limits WHERE scope_key LIKE 'end-user:%'
    UNION SELECT substr(scope_key, 10) FROM slot_limits WHERE scope_key LIKE 'end-user:%'
), tenants AS (
    SELECT DISTINCT substr(rest, length(split_part(rest, ':', 1)) + 2,
                           split_part(rest, ':', 1)::integer) AS tenant_id
    FROM end_user_scopes
)
INSERT INTO tenant_policies (tenant_id, allowed_models, alias_names, alias_models, fairness_id,
                             end_user_budgets)
SELECT tenant_id, '{}', '{}', '{}', tenant_id, true FROM tenants
ON CONFLICT (tenant_id) DO UPDATE SET end_user_budgets = true;

-- Spend by end user reads raw entries (the daily rollup has no end user): per tenant and end user
-- in time order, only for entries that name one.
CREATE INDEX ledger_entries_by_end_user ON ledger_entries (tenant_id, end_user, started_at)
    WHERE end_user IS NOT NULL;

-- Whether a tenant trusts the user header its front end sets (Open WebUI's X-OpenWebUI-User-Id)
-- to name the end user. Off for every existing tenant.
ALTER TABLE tenant_policies ADD COLUMN trusted_user_headers boolean NOT NULL DEFAULT false;
