package dev.tollgate.adapter.journal;

import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.port.out.StoreUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Two daemon threads of a journal: one forwards batches to the ledger, retrying with bounded
 * exponential backoff while it is down; one forces written records to disk every fsync interval
 * (group commit: one fsync covers every record written since the last).
 */
final class Forwarder {

  private static final Logger LOG = Logger.getLogger(Forwarder.class.getName());
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

  private final JournaledSpendLedger journal;
  private final JournalSettings settings;
  private final Thread forwarding;
  private final Thread syncing;

  Forwarder(JournaledSpendLedger journal, JournalSettings settings) {
    this.journal = journal;
    this.settings = settings;
    this.forwarding = Thread.ofPlatform().daemon().name("tollgate-journal-forward").unstarted(this::forwardLoop);
    this.syncing = Thread.ofPlatform().daemon().name("tollgate-journal-fsync").unstarted(this::syncLoop);
  }

  void start() {
    forwarding.start();
    syncing.start();
  }

  void stop() {
    forwarding.interrupt();
    syncing.interrupt();
    join(forwarding);
    join(syncing);
  }

  private void forwardLoop() {
    Duration backoff = FIRST_BACKOFF;
    while (!journal.isClosed()) {
      try {
        List<JournaledSpendLedger.Pending> batch = journal.nextBatch(settings.maxBatchDelay());
        if (batch.isEmpty()) {
          continue;
        }
        report(batch, journal.forward(batch));
        journal.forwardedBatch(batch);
        backoff = FIRST_BACKOFF;
      } catch (InterruptedException e) {
        return;
      } catch (StoreUnavailableException | IOException e) {
        LOG.log(Level.WARNING, "spend journal: the ledger is not taking entries ("
            + journal.unforwardedCount() + " waiting); retrying in " + backoff.toMillis() + " ms", e);
        if (!sleep(backoff)) {
          return;
        }
        backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "spend journal: forwarding failed unexpectedly; retrying", e);
        if (!sleep(settings.maxBackoff())) {
          return;
        }
      }
    }
  }

  private void syncLoop() {
    while (!journal.isClosed()) {
      if (!sleep(settings.fsyncInterval())) {
        return;
      }
      try {
        journal.syncIfDirty();
      } catch (IOException e) {
        LOG.log(Level.SEVERE, "spend journal: fsync failed", e);
      }
    }
  }

  /** A replayed entry the ledger already has is expected; one it has differently is not. */
  private static void report(List<JournaledSpendLedger.Pending> batch, List<AppendResult> results) {
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i) instanceof AppendResult.ExistsWithDifferentEvent different) {
        LOG.severe("spend journal: the ledger holds a different entry for "
            + batch.get(i).entry().requestId() + "; kept the ledger's: " + different.recorded());
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static boolean sleep(Duration d) {
    try {
      Thread.sleep(d);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static void join(Thread t) {
    try {
      t.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
