package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.ReconciliationMapper.BucketRow;
import dev.tollgate.adapter.postgres.ReconciliationMapper.CounterRow;
import dev.tollgate.adapter.postgres.ReconciliationMapper.ModelRow;
import dev.tollgate.domain.reconcile.BucketReport;
import dev.tollgate.domain.reconcile.BucketStatus;
import dev.tollgate.domain.reconcile.CounterKey;
import dev.tollgate.domain.reconcile.ModelDifference;
import dev.tollgate.domain.reconcile.TokenCounters;
import dev.tollgate.domain.reconcile.TokenType;
import dev.tollgate.port.out.reconcile.ReconciliationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciliation's shared state in PostgreSQL: a bucket is claimed by a conditional insert (one
 * winner across replicas; a claim that lapsed unfinished is taken over), and a report is written
 * with the counters' new reading in one transaction, so the next bucket starts where this one
 * ended whichever replica runs it.
 */
final class PostgresReconciliationStore implements ReconciliationStore {

  private final Db db;

  PostgresReconciliationStore(Db db) {
    this.db = db;
  }

  @Override
  public boolean claim(Instant bucketStart, String replica, Instant now, Instant claimUntil) {
    return db.inTransaction("claim a reconciliation bucket", tx -> tx
        .mapper(ReconciliationMapper.class).claim(bucketStart, replica, now, claimUntil)) == 1;
  }

  @Override
  public Optional<Reading> lastReading(String target) {
    return db.read("read the data plane's last counters", tx -> {
      ReconciliationMapper sql = tx.mapper(ReconciliationMapper.class);
      Instant at = sql.readAt(target);
      if (at == null) {
        return Optional.empty();
      }
      Map<CounterKey, Long> values = new HashMap<>();
      for (CounterRow r : sql.counters(target)) {
        TokenType.named(r.tokenType()).ifPresent(t -> values.put(new CounterKey(r.model(), t), r.value()));
      }
      return Optional.of(new Reading(new TokenCounters(values), at));
    });
  }

  @Override
  public void finish(BucketReport report, Map<String, Reading> readings) {
    db.inTransaction("record a reconciliation", tx -> {
      ReconciliationMapper sql = tx.mapper(ReconciliationMapper.class);
      sql.finish(report.bucketStart(), report.status().wireName(), report.from(), report.to(),
          report.error().orElse(null), report.ranBy());
      for (ModelDifference m : report.models()) {
        sql.insertModel(new ModelRow(report.bucketStart(), m.model(), m.ledgerInput(),
            m.dataPlaneInput(), m.ledgerOutput(), m.dataPlaneOutput(), m.lowerBound(), m.mismatch()));
      }
      readings.forEach((target, reading) -> {
        sql.clearCounters(target);
        reading.counters().values().forEach((k, v) ->
            sql.insertCounter(target, k.model(), k.type().wireName(), v, reading.readAt()));
        sql.upsertReading(target, reading.readAt());
      });
      return null;
    });
  }

  @Override
  public List<BucketReport> recent(int limit) {
    return db.read("read reconciliation reports", tx -> {
      ReconciliationMapper sql = tx.mapper(ReconciliationMapper.class);
      List<BucketRow> buckets = sql.recent(Math.min(Math.max(limit, 1), MAX_REPORTS));
      if (buckets.isEmpty()) {
        return List.of();
      }
      Map<Instant, List<ModelDifference>> models = new HashMap<>();
      for (ModelRow r : sql.models(buckets.stream().map(BucketRow::bucketStart).toList())) {
        models.computeIfAbsent(r.bucketStart(), b -> new ArrayList<>()).add(new ModelDifference(
            r.model(), r.ledgerInput(), r.dataPlaneInput(), r.ledgerOutput(), r.dataPlaneOutput(),
            r.lowerBound(), r.mismatch()));
      }
      return buckets.stream().map(b -> new BucketReport(b.bucketStart(),
          b.windowFrom() == null ? b.bucketStart() : b.windowFrom(),
          b.windowTo() == null ? b.bucketStart() : b.windowTo(),
          BucketStatus.valueOf(b.status().toUpperCase(Locale.ROOT)), b.claimedBy(),
          Optional.ofNullable(b.error()), models.getOrDefault(b.bucketStart(), List.of()))).toList();
    });
  }
}
