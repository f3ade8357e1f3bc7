package dev.tollgate.dataplane.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The read timeouts of one transport's connections, kept by one thread instead of by every read.
 *
 * <p>A read with {@code SO_TIMEOUT} on a virtual thread parks with a timeout, and the JDK (25)
 * schedules that timeout on its pool's delay scheduler and cancels it when the data arrives: two
 * hand-offs to the scheduler's thread, each a wake-up (a futex call and a context switch), for
 * nearly every response. Here a read parks without a timeout; it marks its connection with a
 * deadline first, and this thread looks at the marked connections every {@link #TICK} and closes
 * the ones whose deadline has passed, which ends their read with an error the connection turns
 * into a {@link java.net.SocketTimeoutException}. A read therefore fails between its timeout and
 * its timeout plus one tick, as a socket timeout would, give or take the tick.
 *
 * <p>Connections are watched from their opening to their closing; an idle one carries no deadline
 * and is never touched. One daemon thread per transport, stopped by {@link #close()}.
 */
final class ReadDeadlines implements AutoCloseable {

  /** How often deadlines are checked: the most a timeout can be late by. */
  static final Duration TICK = Duration.ofMillis(20);

  private final Set<Http1Connection> watched = ConcurrentHashMap.newKeySet();
  private final Thread keeper;
  private volatile boolean closed;

  ReadDeadlines() {
    keeper = Thread.ofPlatform().daemon().name("tollgate-upstream-deadlines").unstarted(this::keep);
    keeper.start();
  }

  void watch(Http1Connection connection) {
    watched.add(connection);
  }

  void forget(Http1Connection connection) {
    watched.remove(connection);
  }

  /** Stops the thread; reads still waiting after this are no longer cut. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(keeper);
  }

  private void keep() {
    long tick = TICK.toNanos();
    while (!closed) {
      LockSupport.parkNanos(tick);
      long now = System.nanoTime();
      for (Http1Connection connection : watched) {
        connection.expireIfDue(now);
      }
    }
  }
}
