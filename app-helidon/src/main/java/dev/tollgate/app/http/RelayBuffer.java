package dev.tollgate.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The read side of a stream relay: what the data plane sent that the relay has not consumed yet.
 * It starts at {@value #INITIAL_BYTES} bytes, because a stream's events are a few hundred bytes
 * each and most streams never need more (a 16 KB buffer per stream was the largest allocation
 * on the streamed request path, 19 % of JFR's allocation samples). It doubles when a read filled
 * all it asked for (the data plane has more ready), up to {@value #BUSY_BYTES} bytes, and when one
 * event outgrows it, up to {@value #MAX_EVENT_BYTES} bytes; an event longer than that is the
 * caller's to pass on uninspected ({@link #fullAtCap}).
 */
public final class RelayBuffer {

  static final int INITIAL_BYTES = 2 * 1024;
  /** The most one read asks for. */
  static final int READ_CHUNK = 8 * 1024;
  /** Where growth for a data plane with more ready stops. */
  static final int BUSY_BYTES = 2 * READ_CHUNK;
  static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;

  private byte[] buf = new byte[INITIAL_BYTES];
  private int filled;
  private boolean lastReadFull;

  /** The array holding the unconsumed bytes, {@code [0, filled())}; replaced when it grows. */
  public byte[] bytes() {
    return buf;
  }

  public int filled() {
    return filled;
  }

  /** Full at the largest size: the caller relays what it holds uninspected and consumes it all. */
  public boolean fullAtCap() {
    return filled == buf.length && buf.length >= MAX_EVENT_BYTES;
  }

  /**
   * Reads once from {@code upstream} after what is held (growing first if due); answers what
   * {@link InputStream#read(byte[], int, int)} answered. Not to be called while
   * {@link #fullAtCap}.
   */
  public int readFrom(InputStream upstream) throws IOException {
    if (buf.length < MAX_EVENT_BYTES
        && (filled == buf.length || lastReadFull && buf.length < BUSY_BYTES)) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int asked = Math.min(READ_CHUNK, buf.length - filled);
    int n = upstream.read(buf, filled, asked);
    if (n > 0) {
      filled += n;
    }
    lastReadFull = n == asked;
    return n;
  }

  /** Drops the first {@code count} bytes (relayed), keeping the rest at the start. */
  public void consumed(int count) {
    System.arraycopy(buf, count, buf, 0, filled - count);
    filled -= count;
  }
}
