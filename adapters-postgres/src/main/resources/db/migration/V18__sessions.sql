-- Sessions (docs/economics.md, "Session budgets"): the client session a request named in a session
-- header (Claude Code's X-Claude-Code-Session-Id, Open WebUI's chat id) on its ledger entry, and a
-- key's per-session budget (a template every session of the key counts against).
ALTER TABLE ledger_entries ADD COLUMN session text;

-- Spend by session reads raw entries (the daily rollup has no session): per tenant and session in
-- time order, only for entries that name one.
CREATE INDEX ledger_entries_by_session ON ledger_entries (tenant_id, session, started_at)
    WHERE session IS NOT NULL;

-- Both or neither: the limit in nano-USD and its period (lifetime, daily, weekly, monthly).
ALTER TABLE virtual_keys ADD COLUMN session_budget_nano_usd bigint,
    ADD COLUMN session_budget_period text,
    ADD CONSTRAINT virtual_keys_session_budget_whole CHECK (
        (session_budget_nano_usd IS NULL) = (session_budget_period IS NULL)
        AND (session_budget_nano_usd IS NULL OR session_budget_nano_usd >= 0));
