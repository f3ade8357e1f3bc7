package dev.tollgate.dataplane.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The read timeouts of one transport's connections, kept by one thread instead of by every read.
 *
 * <p>A read with {@code SO_TIMEOUT} on a virtual thread parks with a timeout, and the JDK (25)
 * schedules that timeout on its pool's delay scheduler and cancels it when the data arrives: two
 * hand-offs to the scheduler's thread, each a wake-up (a futex call and a context switch), for
 * nearly every response. Here a read parks without a timeout; it marks its connection with a
 * deadline first, and this thread closes the connections whose deadline has passed, which ends
 * their read with an error the connection turns into a {@link java.net.SocketTimeoutException}.
 *
 * <p>The thread sleeps until the earliest deadline it saw, and without a timeout while no read
 * waits: an idle transport never wakes it, and under load it wakes about once per read timeout,
 * since a read that starts later times out later. A read whose deadline comes before the
 * thread's planned wake-up (the first after an idle spell, or one with a shorter timeout) wakes
 * it to plan again ({@link #armed}). A read therefore fails at its timeout, late by no more than
 * the scheduler's delay in waking this thread. (It used to look every 20 ms, and cost an idle
 * service about 9 ms of CPU a second in timer wake-ups on the benchmarks' virtual machine.)
 *
 * <p>Connections are watched from their opening to their closing; an idle one carries no deadline
 * and is never touched. One daemon thread per transport, stopped by {@link #close()}.
 */
final class ReadDeadlines implements AutoCloseable {

  /** {@link #plannedWake} while the keeper scans: an {@link #armed} read asks for another scan. */
  private static final long SCANNING = 0;
  /** {@link #plannedWake} when the keeper sleeps with no deadline to wait for. */
  private static final long NEVER = 1;
  /** {@link #plannedWake} once a read armed during a scan: the keeper scans again. */
  private static final long RESCAN = 2;

  private final Set<Http1Connection> watched = ConcurrentHashMap.newKeySet();
  /** The {@link System#nanoTime()} the keeper sleeps until, or one of the marks above. */
  private final AtomicLong plannedWake = new AtomicLong(SCANNING);
  private final Thread keeper;
  private volatile boolean closed;

  ReadDeadlines() {
    keeper = Thread.ofPlatform().daemon().name("tollgate-upstream-deadlines").unstarted(this::keep);
    keeper.start();
  }

  /** A deadline at {@code nanoTime}, moved off the marks the keeper and connections use. */
  static long deadline(long nanoTime) {
    return nanoTime >= 0 && nanoTime <= RESCAN ? RESCAN + 1 : nanoTime;
  }

  void watch(Http1Connection connection) {
    watched.add(connection);
  }

  void forget(Http1Connection connection) {
    watched.remove(connection);
  }

  /**
   * Called by a read once its connection carries {@code due}: wakes the keeper when it would
   * otherwise sleep past it.
   */
  void armed(long due) {
    while (true) {
      long planned = plannedWake.get();
      if (planned == RESCAN) {
        return; // the keeper scans again and sees this deadline
      }
      if (planned == SCANNING) {
        if (plannedWake.compareAndSet(SCANNING, RESCAN)) {
          return;
        }
        continue;
      }
      if (planned != NEVER && due - planned >= 0) {
        return; // the keeper wakes before this deadline and plans again then
      }
      if (plannedWake.compareAndSet(planned, due)) {
        LockSupport.unpark(keeper);
        return;
      }
    }
  }

  /** Stops the thread; reads still waiting after this are no longer cut. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(keeper);
  }

  private void keep() {
    while (!closed) {
      plannedWake.set(SCANNING);
      long now = System.nanoTime();
      boolean waiting = false;
      long earliest = 0;
      for (Http1Connection connection : watched) {
        long due = connection.expireIfDue(now);
        if (due != Http1Connection.NO_DEADLINE && (!waiting || due - earliest < 0)) {
          earliest = due;
          waiting = true;
        }
      }
      if (!plannedWake.compareAndSet(SCANNING, waiting ? earliest : NEVER)) {
        continue; // a read armed while this scan ran
      }
      if (waiting) {
        LockSupport.parkNanos(this, Math.max(1, earliest - System.nanoTime()));
      } else {
        LockSupport.park(this);
      }
    }
  }
}
