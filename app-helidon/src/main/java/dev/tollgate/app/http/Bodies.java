package dev.tollgate.app.http;

import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Bounded body reading: no request or response body is read without a size limit. */
public final class Bodies {

  /** A body above the configured limit: 413 before anything is parsed. */
  public static final class TooLarge extends Exception {
    private final long limit;

    TooLarge(long limit) {
      super(null, null, false, false);
      this.limit = limit;
    }

    public ApiError toError() {
      return new ApiError(413, "invalid_request_error", "request_too_large",
          "The request body is larger than the " + limit + " bytes this gateway accepts.",
          null, Optional.empty());
    }
  }

  private Bodies() {}

  public static byte[] read(ServerRequest req, long limit) throws TooLarge {
    if (req.headers().contentLength().orElse(0) > limit) {
      throw new TooLarge(limit);
    }
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    try (InputStream in = req.content().inputStream()) {
      byte[] body = readUpTo(in, limit + 1);
      if (body.length > limit) {
        throw new TooLarge(limit);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads at most {@code limit} bytes; more is cut off (callers decide if that is an error). */
  static byte[] readUpTo(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    long total = 0;
    int n;
    while (total < limit && (n = in.read(buf, 0, (int) Math.min(buf.length, limit - total))) > 0) {
      out.write(buf, 0, n);
      total += n;
    }
    return out.toByteArray();
  }
}
