-- The spend ledger: append-only, one entry per request id, partitioned by month of started_at,
-- with a daily rollup kept in the same transaction as every append.
--
-- Idempotency: a unique constraint on a partitioned table must include the partition key, so
-- (request_id, started_at) could not stop the same request id arriving with another started_at.
-- ledger_request_ids, not partitioned, holds every request id once: an append first claims the id
-- there (INSERT ... ON CONFLICT DO NOTHING RETURNING); only claimed ids are inserted into
-- ledger_entries and the rollup, and an unclaimed one is compared with what is recorded (Exists or
-- ExistsWithDifferentEvent). It also tells find() which partition to read.

CREATE TABLE ledger_request_ids (
    request_id text COLLATE "C" PRIMARY KEY,
    started_at timestamptz NOT NULL
);
-- Ids arrive roughly in start order: a BRIN index is enough for retention's range delete.
CREATE INDEX ledger_request_ids_by_start ON ledger_request_ids USING brin (started_at);

-- Lean rows: the price version is named by (model, price_effective_from), never copied.
CREATE TABLE ledger_entries (
    request_id               text COLLATE "C" NOT NULL,
    tenant_id                text COLLATE "C" NOT NULL,
    team_id                  text COLLATE "C",
    key_id                   text COLLATE "C" NOT NULL,
    model                    text COLLATE "C" NOT NULL,
    end_user                 text COLLATE "C",
    input_tokens             bigint NOT NULL CHECK (input_tokens >= 0),
    cached_input_tokens      bigint NOT NULL CHECK (cached_input_tokens >= 0),
    cache_write_input_tokens bigint NOT NULL CHECK (cache_write_input_tokens >= 0),
    output_tokens            bigint NOT NULL CHECK (output_tokens >= 0),
    reasoning_tokens         bigint NOT NULL CHECK (reasoning_tokens >= 0),
    source                   text NOT NULL CHECK (source IN ('REPORTED', 'ESTIMATED')),
    cost_nano_usd            bigint NOT NULL CHECK (cost_nano_usd >= 0),
    price_effective_from     timestamptz NOT NULL,
    started_at               timestamptz NOT NULL,
    recorded_at              timestamptz NOT NULL,
    overage                  boolean NOT NULL,
    PRIMARY KEY (request_id, started_at)
) PARTITION BY RANGE (started_at);

-- The reports: a tenant's entries in start order (then request id), and narrowing by key, model
-- or team. Each index is created on every partition.
CREATE INDEX ledger_entries_by_tenant ON ledger_entries (tenant_id, started_at, request_id);
CREATE INDEX ledger_entries_by_key ON ledger_entries (key_id, started_at);
CREATE INDEX ledger_entries_by_model ON ledger_entries (model, started_at);
CREATE INDEX ledger_entries_by_team ON ledger_entries (team_id, started_at) WHERE team_id IS NOT NULL;

-- Totals per UTC day, tenant, team ('' for none), key and model: what totals over whole days read
-- instead of raw rows. Updated in the transaction of the append, so it is always exact.
CREATE TABLE ledger_daily (
    day                      date NOT NULL,
    tenant_id                text COLLATE "C" NOT NULL,
    team_id                  text COLLATE "C" NOT NULL,
    key_id                   text COLLATE "C" NOT NULL,
    model                    text COLLATE "C" NOT NULL,
    requests                 bigint NOT NULL,
    cost_nano_usd            bigint NOT NULL,
    input_tokens             bigint NOT NULL,
    cached_input_tokens      bigint NOT NULL,
    cache_write_input_tokens bigint NOT NULL,
    output_tokens            bigint NOT NULL,
    reasoning_tokens         bigint NOT NULL,
    PRIMARY KEY (tenant_id, day, team_id, key_id, model)
);
CREATE INDEX ledger_daily_by_day ON ledger_daily (day);
CREATE INDEX ledger_daily_by_key ON ledger_daily (key_id, day);
CREATE INDEX ledger_daily_by_model ON ledger_daily (model, day);

-- Creates the partition of the month `month` falls in, unless it exists; true when it created one.
-- Appends call it on demand for a month they have not seen; a job may call ledger_ensure_months
-- ahead of time so that no append ever waits for the DDL.
CREATE FUNCTION ledger_ensure_month(month date) RETURNS boolean
    LANGUAGE plpgsql AS $$
DECLARE
    first_day date := month - (extract(day FROM month)::integer - 1);
    part      text := 'ledger_entries_p' || to_char(first_day, 'YYYYMM');
BEGIN
    IF to_regclass(format('%I.%I', '${flyway:defaultSchema}', part)) IS NOT NULL THEN
        RETURN false;
    END IF;
    -- Replicas reaching a new month together: one creates it, the others then find it.
    PERFORM pg_advisory_xact_lock(hashtext('${flyway:defaultSchema}.ledger_entries'));
    IF to_regclass(format('%I.%I', '${flyway:defaultSchema}', part)) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.ledger_entries FOR VALUES FROM (%L) TO (%L)',
        '${flyway:defaultSchema}', part, '${flyway:defaultSchema}',
        to_char(first_day, 'YYYY-MM-DD') || ' 00:00:00+00',
        to_char((first_day + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00');
    RETURN true;
END
$$;

-- Creates the partitions of `months` months from `first_month` on (at most 120); returns how many
-- it created.
CREATE FUNCTION ledger_ensure_months(first_month date, months integer) RETURNS integer
    LANGUAGE plpgsql AS $$
DECLARE
    created integer := 0;
BEGIN
    IF months < 0 OR months > 120 THEN
        RAISE EXCEPTION 'months must be 0..120, was %', months;
    END IF;
    FOR i IN 0 .. months - 1 LOOP
        IF ${flyway:defaultSchema}.ledger_ensure_month((first_month + make_interval(months => i))::date) THEN
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$$;

-- Retention, part 1: drops every monthly partition that ended on or before the first day of the
-- month `cutoff` falls in; returns how many. The daily rollup is kept.
CREATE FUNCTION ledger_drop_months_before(cutoff date) RETURNS integer
    LANGUAGE plpgsql AS $$
DECLARE
    boundary date := cutoff - (extract(day FROM cutoff)::integer - 1);
    part     record;
    dropped  integer := 0;
BEGIN
    FOR part IN
        SELECT c.relname
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = to_regclass(format('%I.ledger_entries', '${flyway:defaultSchema}'))
          AND c.relname ~ '^ledger_entries_p[0-9]{6}$'
        ORDER BY c.relname
    LOOP
        IF to_date(right(part.relname, 6), 'YYYYMM') < boundary THEN
            EXECUTE format('DROP TABLE %I.%I', '${flyway:defaultSchema}', part.relname);
            dropped := dropped + 1;
        END IF;
    END LOOP;
    RETURN dropped;
END
$$;

-- Retention, part 2: forgets at most max_rows request ids of requests started before cutoff;
-- returns how many. Called in a bounded loop until it returns less than max_rows.
CREATE FUNCTION ledger_forget_request_ids_before(cutoff timestamptz, max_rows integer) RETURNS integer
    LANGUAGE sql AS $$
    WITH doomed AS (
        SELECT request_id FROM ${flyway:defaultSchema}.ledger_request_ids
        WHERE started_at < cutoff
        LIMIT max_rows
    ), gone AS (
        DELETE FROM ${flyway:defaultSchema}.ledger_request_ids r
        USING doomed d
        WHERE r.request_id = d.request_id
        RETURNING 1
    )
    SELECT count(*)::integer FROM gone;
$$;
