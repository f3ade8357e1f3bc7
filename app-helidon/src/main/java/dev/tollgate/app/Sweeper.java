package dev.tollgate.app;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs the engine's housekeeping every 30 seconds on one daemon thread. */
final class Sweeper implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Sweeper.class.getName());
  private static final long PERIOD_SECONDS = 30;
  /** How long a stop waits for a sweep under way. */
  private static final long FINISH_SECONDS = 5;

  private final ScheduledExecutorService executor;

  private Sweeper(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** Runs each task in turn every period; one failing task does not stop the others. */
  static Sweeper start(List<Runnable> tasks) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tollgate-sweeper");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(() -> {
      for (Runnable task : tasks) {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "sweep failed; retrying next period", e);
        }
      }
    }, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    return new Sweeper(executor);
  }

  /**
   * Lets a sweep under way finish (bounded) before stopping: interrupted in a database call, a
   * sweep fails, the failure marks the store degraded, and a graceful stop then leaves the budget
   * slices to lapse instead of giving them back.
   */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(FINISH_SECONDS, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
