package dev.tollgate.adapter.postgres;

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

/** Runs one body per thread, released together, with a timeout: a hang fails, never blocks. */
final class Concurrently {

  private static final long TIMEOUT_SECONDS = 120;

  private Concurrently() {}

  static <T> List<T> run(int threads, IntFunction<T> body) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(threads);
      List<Callable<T>> tasks = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        tasks.add(() -> {
          start.countDown();
          start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          return body.apply(index);
        });
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : pool.invokeAll(tasks, TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        if (f.isCancelled()) {
          throw new AssertionError("a thread did not finish within " + TIMEOUT_SECONDS + " s");
        }
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException e) {
      throw new AssertionError("a thread failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
