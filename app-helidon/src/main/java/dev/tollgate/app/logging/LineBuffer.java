package dev.tollgate.app.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Whole lines gathered and written in chunks: the access log's one {@code write} per request
 * becomes one per {@link #FLUSH_BYTES} of lines. Under load the request that fills the chunk
 * writes it (no thread is woken for it); a daemon thread writes what is left within
 * {@code interval} of the first line waiting, and sleeps while nothing waits. Lines keep their
 * order, and each stays whole: a chunk holds whole lines only, and is written in writes of at most
 * 4 KiB of whole lines, atomic even on a pipe.
 *
 * <p>What this gives up: a line reaches the log up to {@code interval} late, and a process killed
 * with SIGKILL loses the lines not yet written (at most {@code interval}'s worth). A stop writes
 * them ({@link #close}). Nginx's {@code access_log ... buffer= flush=} and Envoy's file access
 * log flush interval make the same trade.
 */
final class LineBuffer implements AutoCloseable {

  /** A chunk this large is written by the request that filled it. */
  static final int FLUSH_BYTES = 16 * 1024;
  /** What a pipe writes atomically (POSIX's PIPE_BUF on Linux). */
  static final int ATOMIC_BYTES = 4096;
  /** Past this, a request waits for the write in progress instead of growing the buffer. */
  private static final int MAX_BYTES = 1 << 20;

  private final OutputStream out;
  private final long intervalNanos;
  /** Guards {@link #buf} and {@link #size}; never held across a write. */
  private final ReentrantLock lock = new ReentrantLock();
  /** Held across taking a chunk and writing it, so chunks are written in the order taken. */
  private final ReentrantLock writing = new ReentrantLock();
  private final Thread flusher;
  private byte[] buf = new byte[2 * FLUSH_BYTES];
  /** A written chunk's array, taken as the next buffer: no array per chunk (guarded by lock). */
  private byte[] spare;
  private int size;
  /** When the oldest line waiting was added (nanoTime); meaningful while size > 0. */
  private long oldestNanos;
  /** The flusher found nothing waiting and parked until a line comes (guarded by lock). */
  private boolean flusherIdle;
  private volatile boolean closed;

  LineBuffer(OutputStream out, Duration interval) {
    this.out = out;
    this.intervalNanos = interval.toNanos();
    this.flusher = Thread.ofPlatform().daemon().name("tollgate-access-log").unstarted(this::flushLoop);
    flusher.start();
  }

  /** Adds a whole line; writes the chunk if it is now full enough. */
  void add(byte[] line) {
    boolean wake = false;
    boolean full;
    lock.lock();
    try {
      if (closed) {
        write(line, line.length); // after a stop: as before, one write
        return;
      }
      while (size + line.length > MAX_BYTES && size > 0) {
        lock.unlock(); // a write is slow (a stalled pipe): wait for it rather than grow
        try {
          flush();
        } finally {
          lock.lock();
        }
      }
      if (size + line.length > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + line.length));
      }
      if (size == 0) {
        oldestNanos = System.nanoTime();
        wake = flusherIdle; // a flusher parked on a deadline finds this line when it wakes
        flusherIdle = false;
      }
      System.arraycopy(line, 0, buf, size, line.length);
      size += line.length;
      full = size >= FLUSH_BYTES;
    } finally {
      lock.unlock();
    }
    if (wake) { // even if this line fills a chunk: the write below may be someone else's
      LockSupport.unpark(flusher);
    }
    if (full && writing.tryLock()) { // else one writing now, or the flusher, takes this line
      try {
        writeTaken();
      } finally {
        writing.unlock();
      }
    }
  }

  /** Writes every line added so far. */
  void flush() {
    writing.lock();
    try {
      writeTaken();
    } finally {
      writing.unlock();
    }
  }

  /** Writes what waits, then lines are written one write each. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(flusher);
    flush();
    try {
      flusher.join(Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Takes the lines waiting and writes them; the caller holds {@link #writing}. */
  private void writeTaken() {
    byte[] chunk;
    int n;
    lock.lock();
    try {
      if (size == 0) {
        return;
      }
      chunk = buf;
      n = size;
      buf = spare != null ? spare : new byte[2 * FLUSH_BYTES];
      spare = null;
      size = 0;
    } finally {
      lock.unlock();
    }
    write(chunk, n);
    if (chunk.length == 2 * FLUSH_BYTES) { // one grown for a burst or a long line goes
      lock.lock();
      try {
        spare = chunk;
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Writes whole lines, at most {@link #ATOMIC_BYTES} a write where lines allow: standard error
   * is often a pipe (a container's log), where only a write that small is atomic against another
   * writer's (Logback's other lines); a longer line is written whole, on its own, as it was before.
   */
  private void write(byte[] bytes, int n) {
    int start = 0;
    while (start < n) {
      int end = n;
      if (n - start > ATOMIC_BYTES) {
        end = lastLineEnd(bytes, start, start + ATOMIC_BYTES);
        if (end == start) {
          end = nextLineEnd(bytes, start + ATOMIC_BYTES, n);
        }
      }
      try {
        out.write(bytes, start, end - start);
      } catch (IOException e) {
        // as the console appender: a log that cannot be written does not fail the request
        return;
      }
      start = end;
    }
  }

  /** Just past the last newline in [from, to), or {@code from} if there is none. */
  private static int lastLineEnd(byte[] bytes, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (bytes[i] == '\n') {
        return i + 1;
      }
    }
    return from;
  }

  /** Just past the first newline in [from, to), or {@code to} if there is none. */
  private static int nextLineEnd(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i + 1;
      }
    }
    return to;
  }

  /** Writes what waits once its oldest line has waited an interval; parks while nothing waits. */
  private void flushLoop() {
    while (!closed) {
      long due;
      lock.lock();
      try {
        due = size == 0 ? -1 : oldestNanos + intervalNanos;
        flusherIdle = size == 0;
      } finally {
        lock.unlock();
      }
      if (due < 0) {
        LockSupport.park(this);
        continue;
      }
      long left = due - System.nanoTime();
      if (left > 0) {
        LockSupport.parkNanos(this, left);
        continue;
      }
      flush();
    }
  }
}
