package dev.tollgate.app.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first half of a graceful stop, which Helidon lacks: its {@code WebServer.stop()} interrupts
 * every request still running (a model call becomes a 502, a store call a 503) after 500 ms. So a
 * stop first {@link #begin begins draining}: every request already running finishes, and every
 * answer from then on carries {@code Connection: close}, so clients on keep-alive connections
 * move to another replica after their next answer instead of finding the connection gone;
 * {@code /readyz} answers 503 {@code draining}. Then {@link #awaitIdle} waits, bounded, until no
 * request is running, and only then is the listener stopped and the stores closed.
 */
public final class Drain implements Filter {

  private static final long POLL_MILLIS = 20;
  /**
   * How long nothing must run before the drain counts as done: a request on a connection accepted
   * just before the drain began is counted only once it is routed.
   */
  private static final long QUIET_MILLIS = 250;
  private static final byte[] DRAINING = "{\"status\":\"draining\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final AtomicInteger running = new AtomicInteger();
  private volatile boolean draining;

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    if (draining) {
      res.header(HeaderValues.CONNECTION_CLOSE);
      if ("/readyz".equals(req.path().path())) {
        res.status(Status.SERVICE_UNAVAILABLE_503).header(HeaderNames.CONTENT_TYPE, "application/json");
        Head.send(req, res, DRAINING);
        return;
      }
    }
    running.incrementAndGet();
    try {
      chain.proceed();
    } finally {
      running.decrementAndGet();
    }
  }

  /** From now on answers close their connections and readiness says draining. */
  public void begin() {
    draining = true;
  }

  /** Requests running now (a stream counts until its last byte is written). */
  public int running() {
    return running.get();
  }

  /** Waits until no request has run for a moment, at most {@code timeout}; whether none runs. */
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long quietSince = System.nanoTime();
    while (running.get() > 0 || System.nanoTime() - quietSince < QUIET_MILLIS * 1_000_000) {
      if (running.get() > 0) {
        quietSince = System.nanoTime();
      }
      if (System.nanoTime() - deadline >= 0) {
        return running.get() == 0;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return running.get() == 0;
      }
    }
    return true;
  }
}
