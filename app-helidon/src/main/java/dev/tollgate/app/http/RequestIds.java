package dev.tollgate.app.http;

import dev.tollgate.domain.ledger.RequestId;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Tollgate's own request ids: {@code req_} + a random 64-bit instance id + a per-instance counter.
 * Unique within an instance by the counter and across instances and restarts by the random id.
 * A client's {@code x-request-id} is never used as the ledger key: a reused client id would
 * otherwise make a second request's spend look like a retry of the first.
 */
public final class RequestIds {

  private final String prefix;
  private final AtomicLong counter = new AtomicLong();

  public RequestIds(RandomGenerator random) {
    this.prefix = "req_" + HexFormat.of().toHexDigits(random.nextLong()) + "_";
  }

  public RequestId next() {
    return RequestId.of(prefix + Long.toHexString(counter.incrementAndGet()));
  }
}
