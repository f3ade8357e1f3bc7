package dev.tollgate.adapter.simulated;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the event streams a simulator is writing right now, so a caller can see them end. */
final class StreamGauge {

  private final AtomicInteger open = new AtomicInteger();

  void opened() {
    open.incrementAndGet();
  }

  void closed() {
    open.decrementAndGet();
  }

  int open() {
    return open.get();
  }
}
