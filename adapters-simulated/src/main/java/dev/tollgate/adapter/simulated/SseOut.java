package dev.tollgate.adapter.simulated;

import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;

/**
 * Writes server-sent events and flushes each one at once, so every event leaves as its own HTTP
 * chunk. When the client goes away mid-stream the next write fails; from then on every send is a
 * no-op that returns false, and the failure is logged at DEBUG only: a disconnect is normal.
 */
final class SseOut implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SseOut.class.getName());

  private final OutputStream out;
  private final StreamGauge gauge;
  private boolean open = true;

  private SseOut(OutputStream out, StreamGauge gauge) {
    this.out = out;
    this.gauge = gauge;
  }

  static SseOut start(ServerResponse res, StreamGauge gauge) {
    Wire.startEventStream(res);
    SseOut sse = new SseOut(res.outputStream(), gauge);
    gauge.opened();
    return sse;
  }

  /** Writes the parts as one event and flushes; false once the client is gone. */
  boolean send(byte[]... parts) {
    if (!open) {
      return false;
    }
    try {
      for (byte[] part : parts) {
        out.write(part);
      }
      out.flush();
      return true;
    } catch (IOException | UncheckedIOException e) {
      return disconnected(e);
    }
  }

  boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    try {
      if (open) {
        out.close();
      }
    } catch (IOException | UncheckedIOException e) {
      disconnected(e);
    } finally {
      gauge.closed();
    }
  }

  private boolean disconnected(Exception e) {
    open = false;
    LOG.log(Level.DEBUG, () -> "client left mid-stream: " + e);
    return false;
  }
}
