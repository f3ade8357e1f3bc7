-- A settlement's results without a foreign key to its settlement. The key checked each result row
-- on insert with a query that also locked the settlement row (FOR KEY SHARE: a WAL record per
-- settlement): in LedgerIngest's drain the settlement's results insert was PostgreSQL's costliest
-- statement, 4,000 trigger calls per batch of 2,000 entries. Results are only written in the
-- transaction that claims their settlement, and forgetting settlements now deletes their results in
-- the same statement (HoldMapper.forgetSettlements), as the cascade did.
ALTER TABLE budget_settlement_results DROP CONSTRAINT budget_settlement_results_hold_id_fkey;
