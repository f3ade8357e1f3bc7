package dev.tollgate.port.out.reconcile;

import dev.tollgate.domain.reconcile.BucketReport;
import dev.tollgate.domain.reconcile.TokenCounters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciliation's shared state: who runs each bucket (one replica of many), the last reading of
 * each data plane's counters, and the reports. Failures throw {@code StoreUnavailableException}.
 */
public interface ReconciliationStore {

  int MAX_REPORTS = 1000;

  /** A reading of one target's counters and when it was taken. */
  record Reading(TokenCounters counters, Instant readAt) {}

  /**
   * Claims the bucket for {@code replica} until {@code claimUntil}: true for exactly one caller
   * across replicas, unless that caller's claim lapsed without a report (it died), when the next
   * caller after {@code claimUntil} gets it.
   */
  boolean claim(Instant bucketStart, String replica, Instant now, Instant claimUntil);

  /** The last reading kept of {@code target}'s counters. */
  Optional<Reading> lastReading(String target);

  /**
   * Records the report and keeps {@code readings} as each target's last (in one transaction); a
   * failed bucket keeps none, so the next bucket reads from the readings before it.
   */
  void finish(BucketReport report, Map<String, Reading> readings);

  /** The newest {@code limit} reports (at most {@link #MAX_REPORTS}), newest first. */
  List<BucketReport> recent(int limit);
}
