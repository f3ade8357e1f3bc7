package dev.tollgate.app.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A stream relay's client side: writes as they come, flushes only what was written since the last
 * flush, and answers false instead of throwing once the client is gone (a relay then stops and
 * charges for what was produced).
 */
public final class ClientSink {

  private final OutputStream client;
  private boolean unflushed;

  public ClientSink(OutputStream client) {
    this.client = client;
  }

  /** Writes {@code b[off, off + len)}; false if the client is gone. */
  public boolean write(byte[] b, int off, int len) {
    try {
      client.write(b, off, len);
      unflushed = true;
      return true;
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** Sends what was written since the last flush, if anything; false if the client is gone. */
  public boolean flush() {
    if (!unflushed) {
      return true;
    }
    try {
      client.flush();
      unflushed = false;
      return true;
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }
}
