package dev.tollgate.adapter.local;

import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps journal postings and lease swaps (and snapshots) apart: a posting moves costs from
 * exposed here to posted there, and a swap or a snapshot that ran across one would count them
 * twice or not at all. A posting holds the gate from {@link #postingStarted} to
 * {@link #postingFinished} on one thread; the others wait at most {@link #WAIT}.
 */
final class PostingGate {

  /** Longest a swap or a snapshot waits for a posting in flight (one database round trip). */
  static final Duration WAIT = Duration.ofSeconds(5);

  private final ReentrantLock lock = new ReentrantLock();

  void postingStarted() {
    lock.lock();
  }

  void postingFinished() {
    lock.unlock();
  }

  /** Runs {@code work} while no posting is in flight. */
  <T> T paused(Supplier<T> work) {
    boolean locked;
    try {
      locked = lock.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted waiting for a budget posting");
    }
    if (!locked) {
      throw new StoreUnavailableException("a budget posting did not finish within " + WAIT);
    }
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
