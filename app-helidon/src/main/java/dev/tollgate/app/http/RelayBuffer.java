package dev.tollgate.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The read side of a stream relay: what the data plane sent that the relay has not consumed yet.
 * It starts at {@value #INITIAL_BYTES} bytes, because a stream's events are a few hundred bytes
 * each and most streams never need more (a 16 KB buffer per stream was the largest allocation
 * on the streamed request path, 19 % of JFR's allocation samples). It doubles when a read filled
 * all it asked for (the data plane has more ready), up to {@value #BUSY_BYTES} bytes, and when one
 * event outgrows it, up to {@value #MAX_EVENT_BYTES} bytes; an event longer than that is passed
 * on uninspected. {@link #pump} is the read loop both stream relays (OpenAI's and Anthropic's)
 * run over it.
 */
public final class RelayBuffer {

  /** How a {@link #pump} ended. */
  public enum Ending { UPSTREAM_DONE, CLIENT_GONE, UPSTREAM_BROKEN }

  /** What a relay does with each read's complete events. */
  public interface Events {
    /**
     * Passes the complete events in {@code buf[0, filled)} on to {@code client} (unflushed);
     * answers the bytes they take, or -1 if the client is gone.
     */
    int relayComplete(byte[] buf, int filled, ClientSink client);
  }

  static final int INITIAL_BYTES = 2 * 1024;
  /** The most one read asks for. */
  static final int READ_CHUNK = 8 * 1024;
  /** Where growth for a data plane with more ready stops. */
  static final int BUSY_BYTES = 2 * READ_CHUNK;
  static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;

  private byte[] buf = new byte[INITIAL_BYTES];
  private int filled;
  private boolean lastReadFull;

  /**
   * Relays {@code upstream} to {@code out} read by read: each read's complete events go through
   * {@code events} and are flushed before the relay reads again (which may wait), so no event
   * waits on the next; what is left at the end goes out as it is.
   */
  public static Ending pump(InputStream upstream, OutputStream out, Events events) {
    ClientSink client = new ClientSink(out);
    RelayBuffer in = new RelayBuffer();
    while (true) {
      int n;
      try {
        if (in.fullAtCap()) {
          // An event longer than the cap: relay what we have uninspected rather than buffer it all.
          if (!client.write(in.buf, 0, in.filled) || !client.flush()) {
            return Ending.CLIENT_GONE;
          }
          in.consumed(in.filled);
        }
        n = in.readFrom(upstream);
      } catch (IOException e) {
        return Ending.UPSTREAM_BROKEN;
      }
      if (n < 0) {
        boolean gone = (in.filled > 0 && !client.write(in.buf, 0, in.filled)) || !client.flush();
        return gone ? Ending.CLIENT_GONE : Ending.UPSTREAM_DONE;
      }
      int consumed = events.relayComplete(in.buf, in.filled, client);
      if (consumed < 0 || !client.flush()) {
        return Ending.CLIENT_GONE;
      }
      in.consumed(consumed);
    }
  }

  /** The array holding the unconsumed bytes, {@code [0, filled())}; replaced when it grows. */
  byte[] bytes() {
    return buf;
  }

  int filled() {
    return filled;
  }

  /** Full at the largest size: what it holds goes on uninspected and is consumed whole. */
  boolean fullAtCap() {
    return filled == buf.length && buf.length >= MAX_EVENT_BYTES;
  }

  /**
   * Reads once from {@code upstream} after what is held (growing first if due); answers what
   * {@link InputStream#read(byte[], int, int)} answered. Not to be called while
   * {@link #fullAtCap}.
   */
  int readFrom(InputStream upstream) throws IOException {
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
  void consumed(int count) {
    System.arraycopy(buf, count, buf, 0, filled - count);
    filled -= count;
  }
}
