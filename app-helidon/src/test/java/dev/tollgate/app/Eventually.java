package dev.tollgate.app;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, bounded, for something another thread does after the response (stream settlement). */
final class Eventually {

  private Eventually() {}

  static void await(BooleanSupplier condition, String what) {
    await(condition, what, Duration.ofSeconds(20));
  }

  static void await(BooleanSupplier condition, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what, e);
      }
    }
  }
}
