package dev.tollgate.app.reconcile;

import dev.tollgate.app.metrics.ReconciliationMeters;
import dev.tollgate.domain.reconcile.BucketReport;
import dev.tollgate.domain.reconcile.BucketStatus;
import dev.tollgate.service.ReconciliationService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One daemon thread: every interval, the bucket that ended last is run if no replica has, and the
 * newest compared report (whoever ran it) is shown in the meters. A failing round (the database
 * away) is logged and the next runs as usual; a bucket whose claimant died is taken over once its
 * claim lapses.
 */
public final class ReconciliationWorker implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ReconciliationWorker.class.getName());
  /** Reports looked through for the newest compared one (failed and baseline ones are skipped). */
  static final int LOOK_BACK = 20;

  private final ScheduledExecutorService thread;

  private ReconciliationWorker(ScheduledExecutorService thread) {
    this.thread = thread;
  }

  public static ReconciliationWorker start(ReconciliationService service,
      ReconciliationMeters meters, Duration interval) {
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tollgate-reconciliation");
      t.setDaemon(true);
      return t;
    });
    long every = interval.toMillis();
    thread.scheduleWithFixedDelay(() -> round(service, meters), 0, every, TimeUnit.MILLISECONDS);
    return new ReconciliationWorker(thread);
  }

  private static void round(ReconciliationService service, ReconciliationMeters meters) {
    try {
      service.runDue().ifPresent(ReconciliationWorker::log);
      service.recent(LOOK_BACK).stream().filter(r -> r.status() == BucketStatus.COMPARED)
          .findFirst().ifPresent(meters::show);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "reconciliation failed; retrying next round: " + e.getMessage());
    }
  }

  private static void log(BucketReport report) {
    switch (report.status()) {
      case FAILED -> LOG.warning("reconciliation of bucket " + report.bucketStart()
          + ": reading the data plane's counters failed: " + report.error().orElse(""));
      case BASELINE -> LOG.info("reconciliation: first reading of the data plane's counters taken");
      case COMPARED -> report.mismatches().forEach(m -> LOG.warning("reconciliation mismatch in"
          + " bucket " + report.bucketStart() + " for " + m.model() + ": data plane minus ledger "
          + m.inputDifference() + " input, " + m.outputDifference() + " output tokens"
          + (m.lowerBound() ? " (the data plane restarted: its counts are lower bounds)" : "")));
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
