package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.LedgerMapper.EntryRow;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch's additions to the daily rollup, summed here rather than by the statement that adds
 * them: one row per UTC day, tenant, team ('' for none), key and model, as {@code ledger_daily}
 * is keyed, each holding its entries' count and sums. What the staged statement's {@code GROUP
 * BY} computes from the staging table, for the batches copied straight into the ledger
 * ({@link LedgerStaging}). Sums are exact: one past a {@code bigint} fails, as the statement's
 * {@code sum(…)::bigint} does.
 */
final class DailySums {

  private static final long SECONDS_PER_DAY = 86_400;

  /** A rollup row's key; the day as days since 1970-01-01 UTC. */
  private record Group(long epochDay, String tenant, String team, String key, String model) {}

  /** One group's running sums, and the start of its first entry (which names its day). */
  private static final class Sum {
    final Instant firstStart;
    long requests;
    long cost;
    long input;
    long cachedInput;
    long cacheWriteInput;
    long output;
    long reasoning;
    long cacheWrite1hInput;
    long audioMs;

    private Sum(Instant firstStart) {
      this.firstStart = firstStart;
    }

    private void add(EntryRow r) {
      requests = Math.addExact(requests, 1);
      cost = Math.addExact(cost, r.costNanoUsd());
      input = Math.addExact(input, r.inputTokens());
      cachedInput = Math.addExact(cachedInput, r.cachedInputTokens());
      cacheWriteInput = Math.addExact(cacheWriteInput, r.cacheWriteInputTokens());
      output = Math.addExact(output, r.outputTokens());
      reasoning = Math.addExact(reasoning, r.reasoningTokens());
      cacheWrite1hInput = Math.addExact(cacheWrite1hInput, r.cacheWrite1hInputTokens());
      audioMs = Math.addExact(audioMs, r.audioMs());
    }
  }

  private final Map<Group, Sum> sums = new HashMap<>();

  private DailySums() {}

  /**
   * {@code rows}' sums. Their instants are stored ones ({@code LedgerRows.storable}), so the day
   * of each is the day PostgreSQL computes from the stored {@code started_at}; the two
   * infinities are a day each.
   */
  static DailySums of(List<EntryRow> rows) {
    DailySums daily = new DailySums();
    for (EntryRow r : rows) {
      Instant start = r.startedAt();
      Group g = new Group(Math.floorDiv(start.getEpochSecond(), SECONDS_PER_DAY), r.tenantId(),
          r.teamId() == null ? "" : r.teamId(), r.keyId(), r.model());
      daily.sums.computeIfAbsent(g, k -> new Sum(start)).add(r);
    }
    return daily;
  }

  /**
   * Adds the sums to the rollup, one row per group ({@link LedgerMapper#addDaily}, which sorts
   * them into the primary key's order).
   */
  void addTo(LedgerMapper ledger) {
    int n = sums.size();
    if (n == 0) {
      return;
    }
    String[] starts = new String[n];
    String[] tenants = new String[n];
    String[] teams = new String[n];
    String[] keys = new String[n];
    String[] models = new String[n];
    long[][] columns = new long[9][n];
    int i = 0;
    for (Map.Entry<Group, Sum> group : sums.entrySet()) {
      Group g = group.getKey();
      Sum s = group.getValue();
      starts[i] = PgArrays.timestamptz(s.firstStart);
      tenants[i] = g.tenant();
      teams[i] = g.team();
      keys[i] = g.key();
      models[i] = g.model();
      columns[0][i] = s.requests;
      columns[1][i] = s.cost;
      columns[2][i] = s.input;
      columns[3][i] = s.cachedInput;
      columns[4][i] = s.cacheWriteInput;
      columns[5][i] = s.output;
      columns[6][i] = s.reasoning;
      columns[7][i] = s.cacheWrite1hInput;
      columns[8][i] = s.audioMs;
      i++;
    }
    ledger.addDaily(starts, tenants, teams, keys, models, columns[0], columns[1], columns[2],
        columns[3], columns[4], columns[5], columns[6], columns[7], columns[8]);
  }
}
