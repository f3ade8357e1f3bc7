-- Reconciliation of the ledger against the data plane's own counters (docs/observability.md).
--
-- One row per bucket: the replica that inserts it (or takes over a claim that lapsed unfinished)
-- runs the bucket; the others' inserts do nothing, so several replicas run each bucket once.
CREATE TABLE reconciliation_buckets (
    bucket_start  timestamptz PRIMARY KEY,
    claimed_by    text NOT NULL,
    claimed_until timestamptz NOT NULL,
    status        text NOT NULL CHECK (status IN ('running', 'compared', 'baseline', 'failed')),
    window_from   timestamptz,
    window_to     timestamptz,
    error         text
);

-- Each finished bucket's comparison per model (the data plane's model name).
CREATE TABLE reconciliation_models (
    bucket_start         timestamptz NOT NULL
                         REFERENCES reconciliation_buckets (bucket_start) ON DELETE CASCADE,
    model                text COLLATE "C" NOT NULL,
    ledger_input         bigint NOT NULL CHECK (ledger_input >= 0),
    data_plane_input     bigint NOT NULL CHECK (data_plane_input >= 0),
    ledger_output        bigint NOT NULL CHECK (ledger_output >= 0),
    data_plane_output    bigint NOT NULL CHECK (data_plane_output >= 0),
    lower_bound          boolean NOT NULL,
    mismatch             boolean NOT NULL,
    PRIMARY KEY (bucket_start, model)
);

-- The last reading of each data plane's cumulative counters, where the next bucket starts from.
CREATE TABLE reconciliation_counters (
    target     text COLLATE "C" NOT NULL,
    model      text COLLATE "C" NOT NULL,
    token_type text NOT NULL CHECK (token_type IN ('input', 'output')),
    value      bigint NOT NULL CHECK (value >= 0),
    read_at    timestamptz NOT NULL,
    PRIMARY KEY (target, model, token_type)
);

-- A target read with no series yet still has a reading: its time.
CREATE TABLE reconciliation_readings (
    target  text COLLATE "C" PRIMARY KEY,
    read_at timestamptz NOT NULL
);
