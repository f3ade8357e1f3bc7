package dev.tollgate.app.http;

import dev.tollgate.domain.ledger.RequestId;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Tollgate's own request ids ({@link RequestId#ordered}): the time, a random 40-bit instance id and
 * a per-instance counter. Unique within an instance by the counter and across instances and
 * restarts by the random id; ascending with the time, which the ledger's indexes are cheaper for.
 * A client's {@code x-request-id} is never used as the ledger key: a reused client id would
 * otherwise make a second request's spend look like a retry of the first.
 */
public final class RequestIds {

  private final Clock clock;
  private final long instance;
  private final AtomicLong counter = new AtomicLong();

  public RequestIds(Clock clock, RandomGenerator random) {
    this.clock = clock;
    this.instance = random.nextLong();
  }

  public RequestId next() {
    // a clock set before 1970 costs the ids their order, never a request
    return RequestId.ordered(Math.max(0, clock.millis()), instance, counter.incrementAndGet());
  }
}
