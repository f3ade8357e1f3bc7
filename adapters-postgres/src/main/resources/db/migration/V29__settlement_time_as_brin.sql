-- budget_settlements_by_time serves one read: retention's "settled before the cutoff, a batch at
-- a time" (HoldMapper.forgetSettlements). Its B-tree took an entry per settlement, one of the
-- ~seven index entries PostgreSQL writes per request on the serving path. Settlements are
-- claimed in time order (a batch's postings share one settled_at), so the table's pages run in
-- settled_at order and a BRIN index, a few pages for millions of rows, finds the old ones as
-- ledger_request_ids_by_start does. Fresh drains in LedgerIngest: 1.5 µs less of PostgreSQL's
-- CPU per entry (docs/benchmarks.md, twentieth session).
DROP INDEX budget_settlements_by_time;
CREATE INDEX budget_settlements_by_time ON budget_settlements USING brin (settled_at);
