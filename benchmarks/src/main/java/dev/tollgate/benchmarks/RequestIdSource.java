package dev.tollgate.benchmarks;

import dev.tollgate.domain.ledger.RequestId;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Unique request ids per invocation, shaped like the service's ({@link RequestId#ordered}: the
 * time, the instance, the counter), one source per benchmark thread so no shared counter is
 * measured.
 */
@State(Scope.Thread)
public class RequestIdSource {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final long instance = 0x5eed0000L + THREADS.incrementAndGet();
  private long next;

  RequestId next() {
    return RequestId.ordered(System.currentTimeMillis(), instance, ++next);
  }

  /** How many ids this thread has handed out. */
  long issued() {
    return next;
  }
}
