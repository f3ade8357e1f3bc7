-- Budgets, their accounts per period window, and holds in their own tables.
--
-- Locking discipline (every transaction that changes an account follows it, so none deadlocks):
--   1. at most one hold row of its own (budget_holds or budget_settlements), taken first;
--   2. budget_accounts rows, created if missing by INSERT ... ON CONFLICT DO NOTHING in
--      (scope_key, window_start) order, then locked by one SELECT ... ORDER BY scope_key,
--      window_start FOR NO KEY UPDATE;
--   3. rows that only that account's lock guards (budget_hold_parts of those accounts).
-- Foreign keys are left out of the hot tables on purpose: they would take KEY SHARE locks on the
-- account rows outside this order. The adapter keeps the references in the same transactions.

CREATE TABLE budgets (
    scope_key           text COLLATE "C" PRIMARY KEY,  -- Scope.storageKey(), injective
    limit_nano_usd      bigint NOT NULL CHECK (limit_nano_usd >= 0),
    soft_limit_nano_usd bigint CHECK (soft_limit_nano_usd >= 0),
    period              text NOT NULL CHECK (period IN ('lifetime', 'daily', 'weekly', 'monthly', 'every_days')),
    period_days         integer CHECK (period_days BETWEEN 1 AND 3660),
    period_anchor       date,
    CHECK ((period = 'every_days') = (period_days IS NOT NULL AND period_anchor IS NOT NULL))
);

-- One row per budget per period window. A lifetime budget's single window starts at -infinity.
-- held_nano_usd is the sum of the account's rows in budget_hold_parts (expired ones included until
-- something drops them); it is kept in step under the account's row lock.
CREATE TABLE budget_accounts (
    scope_key       text COLLATE "C" NOT NULL,
    window_start    timestamptz NOT NULL,
    posted_nano_usd bigint NOT NULL DEFAULT 0,
    held_nano_usd   bigint NOT NULL DEFAULT 0 CHECK (held_nano_usd >= 0),
    PRIMARY KEY (scope_key, window_start)
);

-- A hold as a whole: what a retry compares against, and what release finds.
CREATE TABLE budget_holds (
    hold_id         text COLLATE "C" PRIMARY KEY,
    amount_nano_usd bigint NOT NULL CHECK (amount_nano_usd >= 0),
    expires_at      timestamptz NOT NULL
);
CREATE INDEX budget_holds_by_expiry ON budget_holds (expires_at);

-- A hold's share on one account.
CREATE TABLE budget_hold_parts (
    hold_id         text COLLATE "C" NOT NULL,
    scope_key       text COLLATE "C" NOT NULL,
    window_start    timestamptz NOT NULL,
    amount_nano_usd bigint NOT NULL CHECK (amount_nano_usd >= 0),
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (hold_id, scope_key, window_start)
);
-- Dropping an account's expired parts under its lock, and the sweep's search for them.
CREATE INDEX budget_hold_parts_by_account ON budget_hold_parts (scope_key, window_start, expires_at);
CREATE INDEX budget_hold_parts_by_expiry ON budget_hold_parts (expires_at);

-- Settled holds, remembered (at least a day) so that a retried settlement posts nothing and
-- answers the first settlement again.
CREATE TABLE budget_settlements (
    hold_id    text COLLATE "C" PRIMARY KEY,
    settled_at timestamptz NOT NULL
);
CREATE INDEX budget_settlements_by_time ON budget_settlements (settled_at);

CREATE TABLE budget_settlement_results (
    hold_id            text COLLATE "C" NOT NULL REFERENCES budget_settlements ON DELETE CASCADE,
    position           integer NOT NULL,
    scope_key          text COLLATE "C" NOT NULL,
    posted_nano_usd    bigint NOT NULL,
    released_nano_usd  bigint NOT NULL,
    overage_nano_usd   bigint NOT NULL,
    hold_was_missing   boolean NOT NULL,
    crossed_soft_limit boolean NOT NULL,
    PRIMARY KEY (hold_id, position)
);
