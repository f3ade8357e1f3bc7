-- A ledger that keeps the shared budgets in the same database appends a journal's batch and posts
-- its costs on the budgets in one transaction (PostgresSpendLedger.postingOn): an entry's claim in
-- ledger_request_ids is then its posting's claim too, and the posting writes no row of
-- budget_settlements (a row and a primary-key entry per request: ~17 % of a drained entry's WAL,
-- docs/benchmarks.md, "thirty-first session"). posted says an id's cost was posted in the
-- transaction that claimed it; an id claimed without (by an append that did not post, or before
-- this migration) is posted on a replay through budget_settlements' claim as before, so a batch
-- appended and not yet posted when a version without this stopped is posted exactly once.
-- A constant default: PostgreSQL 11+ adds the column without rewriting the table.
ALTER TABLE ledger_request_ids ADD COLUMN posted boolean NOT NULL DEFAULT false;
