-- Cache writes have two lifetimes with two prices (Anthropic's 5-minute default and 1-hour
-- ephemeral cache). The existing cache_write columns keep the default lifetime; the 1-hour part
-- gets its own. Additive only, so a replica still running the previous version keeps working:
-- it inserts no 1-hour price (NULL: the default write price applies) and no 1-hour tokens (0).

ALTER TABLE price_versions
    ADD COLUMN cache_write_1h_input_nano_usd_per_mtok bigint
        CHECK (cache_write_1h_input_nano_usd_per_mtok >= 0);

ALTER TABLE ledger_entries
    ADD COLUMN cache_write_1h_input_tokens bigint NOT NULL DEFAULT 0
        CHECK (cache_write_1h_input_tokens >= 0);

ALTER TABLE ledger_daily
    ADD COLUMN cache_write_1h_input_tokens bigint NOT NULL DEFAULT 0;
