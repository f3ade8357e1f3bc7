package dev.tollgate.adapter.journal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The journal's checkpoint on disk: the first position not yet in the ledger, written at most
 * once an interval ({@link JournalSettings#checkpointInterval}, a second by default) while batches
 * follow each other, at once after a batch with nothing queued behind it, and at the close. Each
 * write is a file created, forced and renamed ({@link Segments#writeCheckpoint}): ~300 µs of CPU on
 * a paravirtualized host, 0.7 µs a request when it followed every 50 ms batch under load, and two
 * disk operations a batch on the journal's volume. A crash replays what was forwarded since the
 * last write, at most an interval's load, which the ledger and the budgets take idempotently by
 * request id. Safe for the finishing thread and a close racing it: writes are serialized and never
 * move back.
 */
final class Checkpoint {

  private final Segments segments;
  private final long intervalNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private Position onDisk;
  private long writtenNanos = System.nanoTime();

  Checkpoint(Segments segments, Position onDisk, Duration interval) {
    this.segments = segments;
    this.onDisk = onDisk;
    this.intervalNanos = interval.toNanos();
  }

  /**
   * Writes {@code done} if it is ahead of what is on disk and {@code now} is asked for or the
   * last write is an interval old; answers what is on disk after.
   */
  Position advance(Position done, boolean now) throws IOException {
    lock.lock();
    try {
      long at = System.nanoTime();
      if (done.compareTo(onDisk) > 0 && (now || at - writtenNanos >= intervalNanos)) {
        segments.writeCheckpoint(done);
        onDisk = done;
        writtenNanos = at;
      }
      return onDisk;
    } finally {
      lock.unlock();
    }
  }
}
