-- Transcription models (Whisper's family) are priced per second of audio read, and their ledger
-- entries carry how much audio they read, to the millisecond. Additive only, with defaults, so a
-- replica still running the previous version keeps working: it inserts no audio price (0) and no
-- audio (0). Adding a column with a constant default rewrites no rows (PostgreSQL 11+).

ALTER TABLE price_versions
    ADD COLUMN audio_nano_usd_per_second bigint NOT NULL DEFAULT 0
        CHECK (audio_nano_usd_per_second >= 0);

ALTER TABLE ledger_entries
    ADD COLUMN audio_ms bigint NOT NULL DEFAULT 0
        CHECK (audio_ms >= 0);

ALTER TABLE ledger_daily
    ADD COLUMN audio_ms bigint NOT NULL DEFAULT 0;
