package dev.tollgate.dataplane.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A response body as it arrives, unbuffered beyond the connection's own buffer: each read returns
 * what one socket read brought, so a stream's events reach the caller as the server sends them. A
 * body that ends before its framing says it should fails with an {@link IOException}; a silence
 * longer than the connection's read timeout fails with a {@link java.net.SocketTimeoutException}.
 */
abstract sealed class Http1Body extends InputStream {

  /** The longest chunk-size line is far shorter than a connection's line limit. */
  private static final int MAX_CHUNK_SIZE_DIGITS = 15;

  final Http1Connection connection;
  private final byte[] single = new byte[1];
  private boolean failed;

  private Http1Body(Http1Connection connection) {
    this.connection = connection;
  }

  static Http1Body of(Http1Response response, Http1Connection connection) {
    return switch (response.framing()) {
      case NONE -> new Empty(connection);
      case LENGTH -> new Fixed(connection, response.contentLength());
      case CHUNKED -> new Chunked(connection);
      case UNTIL_CLOSE -> new UntilClose(connection);
    };
  }

  /** Whether the whole body was read, so the connection ends where the next response starts. */
  final boolean complete() {
    return !failed && ended();
  }

  abstract boolean ended();

  abstract int next(byte[] target, int offset, int length) throws IOException;

  @Override
  public final int read(byte[] target, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, target.length);
    if (failed) {
      throw new IOException("the response already broke off");
    }
    if (length == 0) {
      return 0;
    }
    try {
      return next(target, offset, length);
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  @Override
  public final int read() throws IOException {
    int n = read(single, 0, 1);
    return n < 0 ? -1 : single[0] & 0xff;
  }

  /** The connection is released or closed by the response, not by its body. */
  @Override
  public final void close() {}

  /** 204, 304, or {@code Content-Length: 0}. */
  static final class Empty extends Http1Body {
    Empty(Http1Connection connection) {
      super(connection);
    }

    @Override
    boolean ended() {
      return true;
    }

    @Override
    int next(byte[] target, int offset, int length) {
      return -1;
    }
  }

  static final class Fixed extends Http1Body {
    private long remaining;

    Fixed(Http1Connection connection, long length) {
      super(connection);
      this.remaining = length;
    }

    @Override
    boolean ended() {
      return remaining == 0;
    }

    @Override
    int next(byte[] target, int offset, int length) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int n = connection.read(target, offset, (int) Math.min(length, remaining));
      if (n < 0) {
        throw new EOFException("the response broke off " + remaining + " bytes before its end");
      }
      remaining -= n;
      return n;
    }
  }

  static final class Chunked extends Http1Body {
    private long remainingInChunk;
    private boolean started;
    private boolean ended;

    Chunked(Http1Connection connection) {
      super(connection);
    }

    @Override
    boolean ended() {
      return ended;
    }

    @Override
    int next(byte[] target, int offset, int length) throws IOException {
      if (ended) {
        return -1;
      }
      if (remainingInChunk == 0) {
        // The CRLF after a chunk's data is read only when more is wanted: never wait for it early.
        if (started && !connection.readLine().isEmpty()) {
          throw new Http1Response.MalformedResponse("no CRLF after a chunk");
        }
        started = true;
        remainingInChunk = chunkSize(connection.readLine());
        if (remainingInChunk == 0) {
          skipTrailers();
          ended = true;
          return -1;
        }
      }
      int n = connection.read(target, offset, (int) Math.min(length, remainingInChunk));
      if (n < 0) {
        throw new EOFException("the response broke off inside a chunk");
      }
      remainingInChunk -= n;
      return n;
    }

    private void skipTrailers() throws IOException {
      for (int fields = 0; !connection.readLine().isEmpty(); fields++) {
        if (fields == Http1Response.MAX_HEADER_FIELDS) {
          throw new Http1Response.MalformedResponse("too many trailer fields");
        }
      }
    }

    private static long chunkSize(String line) throws IOException {
      int end = line.indexOf(';');
      String digits = (end < 0 ? line : line.substring(0, end)).trim();
      if (digits.isEmpty() || digits.length() > MAX_CHUNK_SIZE_DIGITS) {
        throw new Http1Response.MalformedResponse("a malformed chunk size");
      }
      long size;
      try {
        size = Long.parseLong(digits, 16);
      } catch (NumberFormatException e) {
        throw new Http1Response.MalformedResponse("a malformed chunk size");
      }
      if (size < 0 || !Character.isLetterOrDigit(digits.charAt(0))) {
        throw new Http1Response.MalformedResponse("a malformed chunk size");
      }
      return size;
    }
  }

  /** A body without length or chunking ends when the server closes the connection. */
  static final class UntilClose extends Http1Body {
    private boolean ended;

    UntilClose(Http1Connection connection) {
      super(connection);
    }

    @Override
    boolean ended() {
      return ended;
    }

    @Override
    int next(byte[] target, int offset, int length) throws IOException {
      if (ended) {
        return -1;
      }
      int n = connection.read(target, offset, length);
      if (n < 0) {
        ended = true;
      }
      return n;
    }
  }
}
