package dev.tollgate.port.out.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs one body per thread on a bounded pool, all released together to maximise contention, and
 * waits for them with a timeout. A body that throws fails the test with its exception; a run that
 * does not finish in time fails it too (never a hang). No assertion here looks at elapsed time.
 */
final class Parallel {

  static final int THREADS = 16;
  private static final long TIMEOUT_SECONDS = 60;

  private Parallel() {}

  /** Runs {@code body.apply(i)} for i in 0..threads-1, one per thread; results in thread order. */
  static <T> List<T> run(int threads, IntFunction<T> body) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      List<Callable<T>> tasks = new ArrayList<>(threads);
      for (int i = 0; i < threads; i++) {
        int index = i;
        tasks.add(
            () -> {
              ready.countDown();
              if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("threads were not all started in time");
              }
              return body.apply(index);
            });
      }
      List<Future<T>> futures = pool.invokeAll(tasks, TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<T> results = new ArrayList<>(threads);
      for (Future<T> future : futures) {
        if (future.isCancelled()) {
          throw new AssertionError("a thread did not finish within " + TIMEOUT_SECONDS + " s");
        }
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for threads", e);
    } catch (ExecutionException e) {
      throw new AssertionError("a thread failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
      awaitQuietly(pool);
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("thread pool did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
