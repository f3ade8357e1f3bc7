-- Models added at run time (admin API, CLI, LiteLLM's /model/new) or imported from LiteLLM live in
-- this table only; configured ones are written again from application.yaml at every start. The
-- origin tells which is which, so a run-time change never touches a configured model (it would
-- come back at the next start). Models stored before this migration came from configuration or
-- from an import; they are read as configured, and a configured model's next start confirms it.
ALTER TABLE models ADD COLUMN origin text NOT NULL DEFAULT 'configured'
    CHECK (origin IN ('configured', 'runtime', 'imported'));
