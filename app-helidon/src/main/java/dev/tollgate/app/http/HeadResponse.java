package dev.tollgate.app.http;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.ServerResponseTrailers;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * The response a GET handler writes when it answers a {@code HEAD} ({@link Head}): everything
 * passes through except the body, which is counted and dropped, its length sent as
 * {@code Content-Length}.
 */
final class HeadResponse implements ServerResponse {

  private static final Header TEXT_PLAIN =
      HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");

  private final ServerResponse wire;

  HeadResponse(ServerResponse wire) {
    this.wire = wire;
  }

  @Override
  public ServerResponse status(Status status) {
    wire.status(status);
    return this;
  }

  @Override
  public Status status() {
    return wire.status();
  }

  @Override
  public ServerResponse header(Header header) {
    wire.header(header);
    return this;
  }

  @Override
  public void send() {
    Head.withoutBody(wire, 0);
  }

  @Override
  public void send(byte[] bytes) {
    Head.withoutBody(wire, bytes.length);
  }

  @Override
  public void send(byte[] bytes, int position, int length) {
    Head.withoutBody(wire, length);
  }

  /** A handler's {@code byte[]} or {@code String} (the only entities this service sends). */
  @Override
  public void send(Object entity) {
    if (entity instanceof byte[] bytes) {
      send(bytes);
    } else if (entity instanceof String text) {
      // as Helidon's string writer has it: text/plain in UTF-8 unless the handler named a type
      wire.headers().setIfAbsent(TEXT_PLAIN);
      send(text.getBytes(StandardCharsets.UTF_8));
    } else {
      throw new IllegalArgumentException("a HEAD response counts only bytes or text, not "
          + entity.getClass().getName());
    }
  }

  @Override
  public boolean isSent() {
    return wire.isSent();
  }

  /** Counts what the handler streams; on close, sends the headers with that length. */
  @Override
  public OutputStream outputStream() {
    return new OutputStream() {
      private long length;
      private boolean closed;

      @Override
      public void write(int b) {
        length++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        length += len;
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          Head.withoutBody(wire, length);
        }
      }
    };
  }

  @Override
  public long bytesWritten() {
    return wire.bytesWritten();
  }

  @Override
  public ServerResponse whenSent(Runnable listener) {
    wire.whenSent(listener);
    return this;
  }

  @Override
  public ServerResponse reroute(String newPath) {
    wire.reroute(newPath);
    return this;
  }

  @Override
  public ServerResponse reroute(String path, UriQuery query) {
    wire.reroute(path, query);
    return this;
  }

  @Override
  public ServerResponse next() {
    wire.next();
    return this;
  }

  @Override
  public ServerResponseHeaders headers() {
    return wire.headers();
  }

  @Override
  public ServerResponseTrailers trailers() {
    return wire.trailers();
  }

  @Override
  public void streamResult(String result) {
    wire.streamResult(result);
  }

  @Override
  public void streamFilter(UnaryOperator<OutputStream> filterFunction) {
    wire.streamFilter(filterFunction);
  }
}
