package dev.tollgate.adapter.journal;

import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.StoreUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The daemon threads of a journal: one forwards batches to the ledger, retrying with bounded
 * exponential backoff while it is down; one finishes each batch's append (its second step, e.g.
 * posting its costs on the shared budgets) and moves the checkpoint past it (written at most once
 * a {@link JournalSettings#checkpointInterval} under load); one forces written records to disk
 * every fsync interval (group commit: one fsync covers every record written since the last).
 *
 * <p>The two forwarding threads form a pipeline one batch deep: batch N+1's first step (the ledger
 * append) runs while batch N finishes, so a drain uses the database and this JVM at once instead of
 * in turn ({@code LedgerIngest}: the fresh drain's wall time was the sum of both sides' CPU). The
 * checkpoint only ever moves past a batch whose both steps are done, in the journal's order, by
 * the finishing thread alone. A crash anywhere replays from the checkpoint: what the ledger has
 * already is a duplicate it answers, what was posted already a settlement the budget store
 * answers, both idempotent by request id. After a failure in either step, the forwarder waits for
 * the other, then starts again at the oldest batch not checkpointed.
 */
final class Forwarder {

  private static final Logger LOG = Logger.getLogger(Forwarder.class.getName());
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

  private final JournaledSpendLedger journal;
  private final JournalSettings settings;
  private final Thread forwarding;
  private final Thread syncing;
  /** One thread: batches finish one at a time, in order. */
  private final ExecutorService finishing;

  Forwarder(JournaledSpendLedger journal, JournalSettings settings) {
    this.journal = journal;
    this.settings = settings;
    this.forwarding = Thread.ofPlatform().daemon().name("tollgate-journal-forward").unstarted(this::forwardLoop);
    this.syncing = Thread.ofPlatform().daemon().name("tollgate-journal-fsync").unstarted(this::syncLoop);
    this.finishing = Executors.newSingleThreadExecutor(
        Thread.ofPlatform().daemon().name("tollgate-journal-finish").factory());
  }

  void start() {
    forwarding.start();
    syncing.start();
  }

  /**
   * Called once the journal is closed. The fsync thread is not interrupted: an interrupt closes
   * a channel it is forcing (a {@code FileChannel} is interruptible), and the close's own force
   * of that segment would then fail; it sees the close and stops by itself.
   */
  void stop() {
    forwarding.interrupt();
    join(forwarding);
    finishing.shutdown(); // a batch finishing now finishes, and may checkpoint
    try {
      finishing.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    join(syncing);
  }

  /** A batch whose first step is done and whose second step and checkpoint run on the finisher. */
  private record Behind(long lastSeq, Future<?> done) {

    /** Waits for it; its failure, if any, as the forward loop handles one. */
    void await() throws InterruptedException, IOException {
      try {
        done.get();
      } catch (ExecutionException e) {
        switch (e.getCause()) {
          case IOException io -> throw io;
          case RuntimeException re -> throw re;
          case Error err -> throw err;
          default -> throw new IllegalStateException(e.getCause());
        }
      }
    }
  }

  private void forwardLoop() {
    Duration backoff = FIRST_BACKOFF;
    Behind behind = null;
    while (!journal.isClosed()) {
      try {
        long after = behind == null ? JournaledSpendLedger.NONE_IN_FLIGHT : behind.lastSeq();
        List<JournaledSpendLedger.Pending> batch = journal.nextBatch(settings.maxBatchDelay(), after);
        SpendLedger.AppendStep step;
        try {
          step = batch.isEmpty() ? null : journal.forward(batch); // while the one behind finishes
        } finally {
          Behind previous = behind;
          behind = null; // failed or not, the next batch starts from the checkpoint's queue head
          if (previous != null) {
            previous.await();
          }
        }
        if (step != null) {
          behind = new Behind(batch.getLast().seq(), finishing.submit(() -> {
            report(batch, step.finish());
            journal.forwardedBatch(batch);
            return null;
          }));
        }
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
        if (journal.isClosed()) {
          return; // stopping: a batch refused by the stopped finisher is replayed at the next start
        }
        LOG.log(Level.SEVERE, "spend journal: forwarding failed unexpectedly; retrying", e);
        if (!sleep(settings.maxBackoff())) {
          return;
        }
      }
    }
  }

  private void syncLoop() {
    while (!journal.isClosed()) {
      try {
        if (!journal.awaitSyncDue(settings.fsyncInterval())) {
          return; // closed: the close forces what is left
        }
      } catch (InterruptedException e) {
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
