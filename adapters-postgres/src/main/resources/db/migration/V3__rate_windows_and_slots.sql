-- Rate windows as per-bucket counters, and parallel-request slots as rows with an expiry.
-- A tryAcquire locks the limit rows of every scope it counts on (ORDER BY scope_key, kind), reads
-- their buckets, decides in Java exactly as the in-memory RateWindow does, and writes the counts
-- with INSERT ... ON CONFLICT DO UPDATE, all in one transaction: the limit row's lock is what
-- serializes a window, so the bucket rows themselves never see contention.

CREATE TABLE rate_limits (
    scope_key     text COLLATE "C" NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('REQUESTS', 'TOKENS')),
    limit_units   bigint NOT NULL CHECK (limit_units >= 0),
    window_millis bigint NOT NULL CHECK (window_millis > 0),
    buckets       integer NOT NULL CHECK (buckets BETWEEN 1 AND 3600),
    newest_bucket bigint,  -- the newest bucket index counted so far: a window never moves back
    PRIMARY KEY (scope_key, kind)
);

-- units counted in bucket floor(epoch_millis / bucket_millis). Buckets that left the window are
-- deleted by the next count on it, so a window has at most `buckets` rows.
CREATE TABLE rate_buckets (
    scope_key    text COLLATE "C" NOT NULL,
    kind         text NOT NULL,
    bucket_index bigint NOT NULL,
    units        bigint NOT NULL CHECK (units >= 0),
    PRIMARY KEY (scope_key, kind, bucket_index)
);

CREATE TABLE slot_limits (
    scope_key     text COLLATE "C" PRIMARY KEY,
    max_in_flight integer NOT NULL CHECK (max_in_flight >= 0)
);

-- One row per in-flight request per limited scope; a row at or past its expiry no longer counts
-- (its holder crashed) and is deleted by the next take on that scope.
CREATE TABLE slots (
    scope_key  text COLLATE "C" NOT NULL,
    holder     text COLLATE "C" NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (scope_key, holder)
);
CREATE INDEX slots_by_expiry ON slots (scope_key, expires_at);
