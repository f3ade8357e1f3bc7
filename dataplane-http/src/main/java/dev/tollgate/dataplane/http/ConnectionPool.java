package dev.tollgate.dataplane.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Idle keep-alive connections per origin, newest first. A connection is handed out only if it has
 * been idle for less than {@code maxIdle} (set below the upstream's keep-alive timeout, so the
 * client gives a connection up before the server does) and holds no unasked bytes; one idle for
 * {@link #CHECK_AFTER} or longer must also pass a non-blocking read that finds it neither closed
 * nor carrying unasked bytes. Newest first keeps the busy connections warm and lets the surplus
 * age out: each release closes the oldest connections that have been idle too long.
 *
 * <p>The read is skipped for a connection back from its last response less than
 * {@link #CHECK_AFTER} ago, as Apache HttpClient skips its check within its
 * {@code validateAfterInactivity} (2 s by default): under load every request reused a connection
 * idle for microseconds, and the read (a system call that finds nothing, and the channel's mode
 * switched twice) was 1.6-1.8 % of the service's CPU. A server does not close a connection in that
 * time but to end it after a response (which says {@code Connection: close}) or to stop; a request
 * that meets such a close gets no byte of an answer and is sent once more on a new connection
 * ({@link HttpTransport}), as one that meets it after the check always could.
 *
 * <p>Bounded: at most {@code maxIdlePerOrigin} idle connections per origin; more are closed on
 * release. Connections in use are not counted; their number is bounded by the callers (the
 * server's concurrency and the tenants' parallel limits).
 */
final class ConnectionPool implements AutoCloseable {

  /** A connection idle this long is read once, without blocking, before it is reused. */
  static final Duration CHECK_AFTER = Duration.ofMillis(200);
  private static final long CHECK_AFTER_NANOS = CHECK_AFTER.toNanos();

  private final long maxIdleNanos;
  private final int maxIdlePerOrigin;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Origin, ArrayDeque<Http1Connection>> idle = new HashMap<>();
  private boolean closed;

  ConnectionPool(Duration maxIdle, int maxIdlePerOrigin) {
    if (maxIdle == null || maxIdle.isNegative() || maxIdle.isZero()) {
      throw new IllegalArgumentException("maxIdle must be positive: " + maxIdle);
    }
    if (maxIdlePerOrigin < 0) {
      throw new IllegalArgumentException("maxIdlePerOrigin must not be negative: " + maxIdlePerOrigin);
    }
    this.maxIdleNanos = maxIdle.toNanos();
    this.maxIdlePerOrigin = maxIdlePerOrigin;
  }

  /** The newest usable idle connection to {@code origin}, or null; discards the unusable ones. */
  Http1Connection take(Origin origin) {
    long now = System.nanoTime();
    // Bounded: every turn removes one connection from a deque of at most maxIdlePerOrigin.
    while (true) {
      Http1Connection connection;
      lock.lock();
      try {
        ArrayDeque<Http1Connection> connections = idle.get(origin);
        connection = connections == null ? null : connections.pollFirst();
      } finally {
        lock.unlock();
      }
      if (connection == null) {
        return null;
      }
      long idleFor = now - connection.idleSinceNanos();
      if (idleFor < maxIdleNanos
          && (idleFor < CHECK_AFTER_NANOS ? !connection.holdsUnread() : !connection.isStale())) {
        return connection;
      }
      connection.close();
    }
  }

  /** Takes back a connection whose last response was read to its end and may be reused. */
  void release(Http1Connection connection) {
    long now = System.nanoTime();
    connection.idleSince(now);
    List<Http1Connection> toClose = new ArrayList<>(1);
    lock.lock();
    try {
      ArrayDeque<Http1Connection> connections =
          idle.computeIfAbsent(connection.origin(), o -> new ArrayDeque<>());
      if (closed || connections.size() >= maxIdlePerOrigin) {
        toClose.add(connection);
      } else {
        connections.offerFirst(connection);
      }
      Http1Connection oldest;
      while ((oldest = connections.peekLast()) != null && now - oldest.idleSinceNanos() >= maxIdleNanos) {
        toClose.add(connections.pollLast());
      }
    } finally {
      lock.unlock();
    }
    toClose.forEach(Http1Connection::close);
  }

  /** Closes every idle connection; connections released later are closed too. */
  @Override
  public void close() {
    List<Http1Connection> toClose = new ArrayList<>();
    lock.lock();
    try {
      closed = true;
      idle.values().forEach(toClose::addAll);
      idle.clear();
    } finally {
      lock.unlock();
    }
    toClose.forEach(Http1Connection::close);
  }
}
