package dev.tollgate.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * Log lines to standard error in batches: each event is encoded on the thread that logs it and
 * copied into a buffer, and one writer thread writes whatever gathered every {@link #INTERVAL_MS}
 * with one {@code write}. Logback's console appender wrote and flushed every line, one system call
 * per line; with the access log on that was one more per request, and measured on the load test
 * the lines cost 10-20 µs of CPU per request, most of it in the kernel (docs/benchmarks.md).
 *
 * <p>Nothing is dropped: past {@link #MAX_PENDING_BYTES} waiting, the logging thread writes what
 * waits and its own line itself. A line reaches standard error at most {@link #INTERVAL_MS} after
 * it was logged; at the JVM's exit {@link #goDirect} writes what waits, and every line logged
 * after it (the rest of a graceful stop) is written at once. A SIGKILL loses at most the last interval's lines; the
 * ledger, never a log line, is the record of money.
 */
final class BatchingStderrAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  /** How often the writer writes what gathered. */
  static final long INTERVAL_MS = 20;
  /** Most bytes waiting before a logging thread writes them itself. */
  static final int MAX_PENDING_BYTES = 1 << 20;

  private final Object buffer = new Object();
  /** Held while writing to the stream, so batches and direct writes keep the lines' order. */
  private final Object stream = new Object();
  private Encoder<ILoggingEvent> encoder;
  private byte[] pending = new byte[64 * 1024];
  private int size;
  private volatile boolean direct;
  private Thread writer;

  void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  @Override
  public void start() {
    if (encoder == null) {
      addError("no encoder for " + name);
      return;
    }
    direct = false;
    writer = Thread.ofPlatform().daemon().name("tollgate-log-writer").unstarted(this::writeLoop);
    writer.start();
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    byte[] line = encoder.encode(event);
    if (!direct) {
      synchronized (buffer) {
        if (!direct && size + line.length <= MAX_PENDING_BYTES) {
          if (size + line.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(size + line.length, pending.length * 2));
          }
          System.arraycopy(line, 0, pending, size, line.length);
          size += line.length;
          return;
        }
      }
    }
    synchronized (stream) { // full, or stopped: what waits first, then this line
      writePending();
      write(line, line.length);
    }
  }

  /** Writes what waits now (a graceful stop's last lines, a test that reads the log). */
  void flush() {
    synchronized (stream) {
      writePending();
    }
  }

  /** Writes what waits, then stops. */
  @Override
  public void stop() {
    goDirect();
    super.stop();
  }

  /**
   * Writes what waits; from now on every line is written as it is logged (the process is
   * stopping: lines logged by the rest of its stop are not left in a buffer).
   */
  void goDirect() {
    direct = true;
    Thread w = writer;
    if (w != null) {
      w.interrupt();
      try {
        w.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flush();
  }

  private void writeLoop() {
    while (!direct) {
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        return;
      }
      flush();
    }
  }

  /** Under {@link #stream}: swaps the buffer out and writes it. */
  private void writePending() {
    byte[] out;
    int n;
    synchronized (buffer) {
      if (size == 0) {
        return;
      }
      out = pending;
      n = size;
      pending = new byte[Math.max(64 * 1024, Math.min(out.length, 4 * n))];
      size = 0;
    }
    write(out, n);
  }

  private void write(byte[] bytes, int n) {
    PrintStream err = System.err; // read each time: the process's stream as it is now
    err.write(bytes, 0, n);
    err.flush();
  }
}
