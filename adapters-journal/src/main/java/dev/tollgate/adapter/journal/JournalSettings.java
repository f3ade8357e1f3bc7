package dev.tollgate.adapter.journal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Bounds of the journal.
 *
 * @param directory where segments and the checkpoint live (one journal per directory)
 * @param maxSegmentBytes a segment is closed and a new one started past this size
 * @param maxJournalBytes unforwarded records beyond this refuse new appends (the service answers
 *     503 rather than lose spend)
 * @param fsyncInterval how often written records are forced to disk (the window a machine crash
 *     can lose; a process crash loses nothing written)
 * @param maxBatch most records per forward to the ledger
 * @param maxBatchDelay longest a record waits for its batch to fill
 * @param maxBackoff longest pause between forward retries while the ledger is down
 * @param recentIds how many forwarded request ids are remembered to answer duplicates locally
 * @param stallAfter records waiting this long with no batch forwarded means the forwarder is
 *     stuck (a silent database): reported, so readiness says degraded
 * @param checkpointInterval the checkpoint is written at most this often while batches follow
 *     each other ({@link Checkpoint}); zero writes it after every batch
 */
public record JournalSettings(
    Path directory,
    long maxSegmentBytes,
    long maxJournalBytes,
    Duration fsyncInterval,
    int maxBatch,
    Duration maxBatchDelay,
    Duration maxBackoff,
    int recentIds,
    Duration stallAfter,
    Duration checkpointInterval) {

  public JournalSettings {
    if (directory == null || maxSegmentBytes < 1024 || maxJournalBytes < maxSegmentBytes
        || maxBatch < 1 || maxBatch > 10_000 || recentIds < 0 || recentIds > 10_000_000) {
      throw new IllegalArgumentException("invalid journal settings");
    }
    requirePositive(fsyncInterval);
    requirePositive(maxBatchDelay);
    requirePositive(maxBackoff);
    requirePositive(stallAfter);
    if (checkpointInterval == null || checkpointInterval.isNegative()) {
      throw new IllegalArgumentException("the checkpoint interval must not be negative");
    }
  }

  /** As the canonical constructor, the checkpoint at most once a {@link #DEFAULT_CHECKPOINT_INTERVAL}. */
  public JournalSettings(Path directory, long maxSegmentBytes, long maxJournalBytes,
      Duration fsyncInterval, int maxBatch, Duration maxBatchDelay, Duration maxBackoff,
      int recentIds, Duration stallAfter) {
    this(directory, maxSegmentBytes, maxJournalBytes, fsyncInterval, maxBatch, maxBatchDelay,
        maxBackoff, recentIds, stallAfter, DEFAULT_CHECKPOINT_INTERVAL);
  }

  /** As the canonical constructor, a forwarder stuck for {@link #DEFAULT_STALL_AFTER}. */
  public JournalSettings(Path directory, long maxSegmentBytes, long maxJournalBytes,
      Duration fsyncInterval, int maxBatch, Duration maxBatchDelay, Duration maxBackoff,
      int recentIds) {
    this(directory, maxSegmentBytes, maxJournalBytes, fsyncInterval, maxBatch, maxBatchDelay,
        maxBackoff, recentIds, DEFAULT_STALL_AFTER);
  }

  public static final Duration DEFAULT_STALL_AFTER = Duration.ofSeconds(15);
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

  /** These settings with another {@link #stallAfter}. */
  public JournalSettings withStallAfter(Duration stall) {
    return new JournalSettings(directory, maxSegmentBytes, maxJournalBytes, fsyncInterval,
        maxBatch, maxBatchDelay, maxBackoff, recentIds, stall, checkpointInterval);
  }

  /** These settings with another {@link #checkpointInterval}. */
  public JournalSettings withCheckpointInterval(Duration interval) {
    return new JournalSettings(directory, maxSegmentBytes, maxJournalBytes, fsyncInterval,
        maxBatch, maxBatchDelay, maxBackoff, recentIds, stallAfter, interval);
  }

  /**
   * 64 MiB segments, 2 GiB in all, fsync every 20 ms, batches of 2,000 within 50 ms, stuck after
   * 15 s without progress, the checkpoint at most once a second. A backlog drains in full
   * batches, and each batch's fixed costs (two transactions, the settlement's reads of budgets and
   * accounts) are spread over its entries: {@code LedgerIngest} drained 1.4 times as fast with
   * 2,000 as with 500, and no faster with 5,000 (docs/benchmarks.md). 250 ms cut the database's
   * share at 32 connections by about a sixth and did not change the service's own CPU beyond the noise (ratio 0.95, reps
   * 0.86-1.18). The lease hold a clean-clone {@code ChartRollingRestartIT} found with it is
   * understood and fixed (a stop interrupted the sync thread mid-round; see
   * {@code GracefulStopDuringSyncTest}), so the delay is free to change; 50 ms stays, the ledger
   * lagging answers by less.
   */
  public static JournalSettings defaults(Path directory) {
    return new JournalSettings(directory, 64L << 20, 2L << 30, Duration.ofMillis(20), 2_000,
        Duration.ofMillis(50), Duration.ofSeconds(5), 100_000);
  }

  private static void requirePositive(Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("durations must be positive");
    }
  }
}
