-- A journal posting's results on its settlement's claim row instead of rows of their own. A
-- posting settles a hold that never existed on this store (the request was held on a replica's
-- lease), so on each budgeted scope its result is the same but for one bit: the whole cost posted,
-- nothing released, the whole cost as overage of a missing hold, and whether it crossed the soft
-- limit. The claim row keeps the cost and, per position, the scope's storage key and that bit
-- (BatchSettlement.postedOn); a repeated settle decodes them. The two result rows per posting
-- (and their primary-key entries) were a sixth of PostgreSQL's time per ingested entry
-- (docs/benchmarks.md). Settlements of holds that did exist keep budget_settlement_results.
ALTER TABLE budget_settlements
    ADD COLUMN posted_nano_usd bigint,
    ADD COLUMN posted_on text,
    ADD CONSTRAINT budget_settlements_posting_whole
        CHECK ((posted_nano_usd IS NULL) = (posted_on IS NULL));
