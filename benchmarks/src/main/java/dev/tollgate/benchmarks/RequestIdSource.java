package dev.tollgate.benchmarks;

import dev.tollgate.domain.ledger.RequestId;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Unique request ids per invocation, shaped like the service's ({@code req_<instance>_<counter>}),
 * one source per benchmark thread so no shared counter is measured.
 */
@State(Scope.Thread)
public class RequestIdSource {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final String prefix =
      "req_" + Long.toHexString(0x5eed0000L + THREADS.incrementAndGet()) + "_";
  private long next;

  RequestId next() {
    return RequestId.of(prefix + Long.toHexString(++next));
  }

  /** How many ids this thread has handed out. */
  long issued() {
    return next;
  }
}
