package dev.tollgate.app.http;

import io.helidon.http.DirectHandler.EventType;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.DirectTransportRequest;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bounds how long a request may take to arrive, and refuses ambiguous framing. Helidon reaps a
 * connection that is idle between requests (its idle timeout), but a connection blocked in the
 * middle of a request's headers or body is never reaped: this listener marks when each request's
 * headers and body must be complete, and a reaper closes the connection that misses its deadline.
 *
 * <p>Framing that a proxy in front could read differently is refused with 400 before routing: a
 * {@code Content-Length} that is not one plain decimal, a {@code Transfer-Encoding} other than a
 * single {@code chunked}, or both at once (request smuggling).
 *
 * <p>Each connection is served by one thread in Helidon 4, so the connection's state is found
 * from the thread: {@link #bodyRead()} is called by whatever reads a body on that thread.
 */
public final class ConnectionGuard implements Http1ConnectionListener, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ConnectionGuard.class.getName());
  private static final ThreadLocal<Watch> CURRENT = new ThreadLocal<>();
  private static final int MAX_LENGTH_DIGITS = 18;
  private static final long NO_DEADLINE = Long.MAX_VALUE;

  /** One connection: the phase its current request is in, and when that phase must end. */
  private static final class Watch {
    final ConnectionGuard guard;
    final ConnectionContext ctx;
    final Thread thread = Thread.currentThread();
    /** Changed only by compare-and-set by the reaper, so a phase that ended is never reaped. */
    final AtomicLong deadlineNanos = new AtomicLong(NO_DEADLINE);
    volatile String phase = "idle";
    volatile HttpPrologue prologue;

    Watch(ConnectionGuard guard, ConnectionContext ctx) {
      this.guard = guard;
      this.ctx = ctx;
    }

    void expect(String phase, Duration within) {
      this.phase = phase;
      this.deadlineNanos.set(System.nanoTime() + within.toNanos());
    }

    void done() {
      this.phase = "handling";
      this.deadlineNanos.set(NO_DEADLINE);
    }
  }

  private final Duration headerTimeout;
  private final Duration bodyTimeout;
  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService reaper;
  private final RateLimitedLog reaped =
      new RateLimitedLog(LOG, Level.INFO, 10, Duration.ofMinutes(1));

  public ConnectionGuard(Duration headerTimeout, Duration bodyTimeout) {
    this.headerTimeout = headerTimeout;
    this.bodyTimeout = bodyTimeout;
    this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tollgate-connection-reaper");
      t.setDaemon(true);
      return t;
    });
    long tickMillis = Math.clamp(Math.min(headerTimeout.toMillis(), bodyTimeout.toMillis()) / 4, 10, 1000);
    reaper.scheduleWithFixedDelay(this::reap, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
  }

  /** The body of the request on this thread has been read: its body deadline no longer applies. */
  public static void bodyRead() {
    Watch watch = CURRENT.get();
    if (watch != null) {
      watch.done();
    }
  }

  @Override
  public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
    Watch watch = CURRENT.get();
    if (watch == null || watch.guard != this) {
      watch = new Watch(this, ctx);
      CURRENT.set(watch);
    }
    watches.add(watch); // again after a reap that did not end the connection
    watch.prologue = prologue;
    watch.expect("headers", headerTimeout);
  }

  @Override
  public void headers(ConnectionContext ctx, Headers headers) {
    Watch watch = CURRENT.get();
    boolean hasBody = checkFraming(watch == null ? null : watch.prologue, headers);
    if (watch == null) {
      return;
    }
    if (hasBody) {
      watch.expect("body", bodyTimeout);
    } else {
      watch.done();
    }
  }

  /** Answers whether the request has a body; throws a 400 for framing that could be misread. */
  static boolean checkFraming(HttpPrologue prologue, Headers headers) {
    boolean lengthed = headers.contains(HeaderNames.CONTENT_LENGTH);
    boolean encoded = headers.contains(HeaderNames.TRANSFER_ENCODING);
    if (lengthed && encoded) {
      throw badFraming(prologue, headers, "Content-Length and Transfer-Encoding must not both be sent");
    }
    if (encoded) {
      Header te = headers.get(HeaderNames.TRANSFER_ENCODING);
      if (te.allValues().size() != 1
          || !te.allValues().getFirst().strip().toLowerCase(Locale.ROOT).equals("chunked")) {
        throw badFraming(prologue, headers, "the only Transfer-Encoding accepted is a single 'chunked'");
      }
      return true;
    }
    if (!lengthed) {
      return false;
    }
    Header cl = headers.get(HeaderNames.CONTENT_LENGTH);
    if (cl.allValues().size() != 1) {
      throw badFraming(prologue, headers, "Content-Length must be sent once");
    }
    String value = cl.allValues().getFirst().strip();
    if (value.isEmpty() || value.length() > MAX_LENGTH_DIGITS || !allDigits(value)) {
      throw badFraming(prologue, headers, "Content-Length must be one non-negative decimal number");
    }
    return Long.parseLong(value) > 0;
  }

  private static RequestException badFraming(HttpPrologue prologue, Headers headers, String why) {
    RequestException.Builder b = RequestException.builder()
        .type(EventType.BAD_REQUEST)
        .status(Status.BAD_REQUEST_400)
        .setKeepAlive(false)
        .message("Invalid request framing: " + why + ".");
    if (prologue != null) {
      b.request(DirectTransportRequest.create(prologue, headers));
    }
    return b.build();
  }

  /** Connections currently watched (open connections that have sent a request line). */
  public int watched() {
    return watches.size();
  }

  private void reap() {
    long now = System.nanoTime();
    for (Watch w : watches) {
      long deadline = w.deadlineNanos.get();
      if (!w.thread.isAlive()) {
        watches.remove(w);
      } else if (deadline != NO_DEADLINE && now - deadline > 0
          && w.deadlineNanos.compareAndSet(deadline, NO_DEADLINE)) {
        watches.remove(w);
        reaped.log("closed a connection from " + peer(w) + " that did not send its " + w.phase
            + " in time");
        try {
          w.ctx.serverSocket().close();
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "closing a late connection failed", e);
        }
      }
    }
  }

  private static String peer(Watch w) {
    try {
      return w.ctx.remotePeer().host();
    } catch (RuntimeException e) {
      return "an unknown peer";
    }
  }

  @Override
  public void close() {
    reaper.shutdownNow();
  }

  private static boolean allDigits(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (!Character.isDigit(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
