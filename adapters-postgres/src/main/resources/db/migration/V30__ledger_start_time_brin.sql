-- Raw entries read by time alone: a platform administrator's totals, breakdowns and series over
-- every tenant read the partial day at each end of their range from ledger_entries (whole days
-- come from ledger_daily), and no index of ledger_entries led with started_at, so each of those
-- reads scanned its month's partition whole. Entries arrive in start order, so a partition's pages
-- run in started_at order and a BRIN index (a few pages for millions of rows) finds a day's pages,
-- as ledger_request_ids_by_start does for retention. An append writes nothing to it: a range of
-- pages filled since the last summary is read whole by every scan until it is summarized, and
-- autosummarize has autovacuum summarize each range once the next one starts filling (within
-- autovacuum_naptime, a minute by default), so today's end of a report stays cheap too. Ingest does
-- not pay for it: LedgerIngest's fresh drains wrote the same WAL an entry with it
-- (docs/benchmarks.md, thirty-second session).
--
-- Built on every partition in this migration's transaction, which holds off appends meanwhile: the
-- journal keeps what the service answers and forwards it once the build is done.
CREATE INDEX ledger_entries_by_start ON ledger_entries USING brin (started_at)
    WITH (autosummarize = on);
