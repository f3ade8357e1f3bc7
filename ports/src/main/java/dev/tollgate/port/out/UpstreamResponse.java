package dev.tollgate.port.out;

import java.io.InputStream;

/** A data-plane response whose body is read as it arrives. Closing it frees the connection. */
public interface UpstreamResponse extends AutoCloseable {

  UpstreamResponseHead head();

  /** The body, unbuffered; read errors surface as {@link java.io.IOException}s. */
  InputStream body();

  /** Closes the body; never throws. */
  @Override
  void close();
}
