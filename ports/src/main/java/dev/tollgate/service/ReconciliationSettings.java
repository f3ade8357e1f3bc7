package dev.tollgate.service;

import dev.tollgate.domain.reconcile.ReconciliationThreshold;
import java.time.Duration;

/**
 * How reconciliation runs.
 *
 * @param bucket the span compared at a time; buckets are aligned to multiples of it since the epoch
 * @param threshold when a difference is a mismatch
 * @param settle how long after reading the data plane's counters the ledger is read: requests
 *     answered just before the reading are still being settled and journaled into the ledger
 * @param claimFor how long a replica's claim on a bucket holds before another may take it over
 *     (more than {@code settle})
 * @param replica this replica's name in the reports
 */
public record ReconciliationSettings(Duration bucket, ReconciliationThreshold threshold,
    Duration settle, Duration claimFor, String replica) {

  public static final Duration MIN_BUCKET = Duration.ofSeconds(1);
  public static final Duration MAX_BUCKET = Duration.ofDays(1);

  public ReconciliationSettings {
    if (bucket == null || bucket.compareTo(MIN_BUCKET) < 0 || bucket.compareTo(MAX_BUCKET) > 0
        || bucket.toMillis() * 1_000_000 != bucket.toNanos()) {
      throw new IllegalArgumentException("a bucket is whole milliseconds, 1 s .. 1 day");
    }
    if (settle == null || settle.isNegative() || claimFor == null || claimFor.compareTo(settle) <= 0) {
      throw new IllegalArgumentException("settle >= 0 and a claim longer than it");
    }
    if (settle.compareTo(bucket) >= 0) {
      throw new IllegalArgumentException("settle is shorter than a bucket");
    }
    if (threshold == null || claimFor.isNegative() || claimFor.isZero()
        || replica == null || replica.isEmpty() || replica.length() > 128) {
      throw new IllegalArgumentException("threshold, a positive claim and a replica name are required");
    }
  }
}
