package dev.tollgate.app.http;

import dev.tollgate.port.out.UpstreamResponse;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

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

  /**
   * A body whose framing is wrong (a malformed chunk size): the client's mistake, a 400 and
   * never a stack trace. (A body cut off by the client or for stalling ends the connection.)
   */
  public static final class Unreadable extends RuntimeException {
    Unreadable(String why) {
      super(why, null, false, false);
    }

    public ApiError toError() {
      return ApiError.invalidRequest("The request body could not be read: " + getMessage() + ".", null);
    }
  }

  /**
   * A body the client stopped sending (it hung up, or was closed for stalling): nobody is left to
   * answer, so the connection closes. Counted and logged as {@link #STATUS}, nginx's "client
   * closed request", never as the 500 an escaping exception would otherwise be taken for: it is
   * the client's doing, and an alert on 5xx must not fire for it.
   */
  public static final class CutOff extends CloseConnectionException {
    /** The status a cut-off request is counted under in the access log and the meters. */
    public static final int STATUS = 499;

    CutOff() {
      super("request body cut off");
    }
  }

  /** Cut-off bodies are a client's doing: one short line each, at most 20 a minute. */
  private static final RateLimitedLog CUT_OFF = new RateLimitedLog(
      Logger.getLogger(Bodies.class.getName()), Level.INFO, 20, Duration.ofMinutes(1));

  /** An unread body up to this size is discarded to keep the connection; a larger one closes it. */
  public static final long MAX_DISCARDED_BYTES = 64 * 1024;

  /** What a body of unknown length is first read into. */
  private static final int INITIAL_BYTES = 8192;
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private Bodies() {}

  public static byte[] read(ServerRequest req, long limit) throws TooLarge {
    if (req.headers().contentLength().orElse(0) > limit) {
      throw new TooLarge(limit);
    }
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    byte[] body;
    try (InputStream in = req.content().inputStream()) {
      body = readUpTo(in, limit + 1, req.headers().contentLength().orElse(0));
    } catch (IOException | UncheckedIOException | ServerConnectionException
        | DataReader.InsufficientDataAvailableException e) {
      // The client is gone (or was closed for stalling): nobody to answer, nothing to trace.
      CUT_OFF.log("request body of " + req.prologue().method().text() + " " + req.path().path()
          + " from " + req.remotePeer().host() + " ended before its length was read");
      throw new CutOff();
    } catch (RequestException e) {
      throw e; // Helidon's own framing refusals (413, bad chunk) answer through TransportErrors
    } catch (RuntimeException e) {
      throw new Unreadable("malformed framing (" + e.getClass().getSimpleName() + ")");
    }
    if (body.length > limit) {
      throw new TooLarge(limit);
    }
    ConnectionGuard.bodyRead();
    return body;
  }

  /**
   * The data plane's whole answer, at most {@code limit} bytes of it, into one array of the length
   * its head announced.
   */
  public static byte[] readUpTo(UpstreamResponse upstream, long limit) throws IOException {
    long announced = upstream.head().header("content-length").map(Bodies::lengthOf).orElse(0L);
    return readUpTo(upstream.body(), limit, announced);
  }

  private static long lengthOf(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return 0; // the transport refuses a malformed length before this; unknown is safe anyway
    }
  }

  /** Reads at most {@code limit} bytes; more is cut off (callers decide if that is an error). */
  public static byte[] readUpTo(InputStream in, long limit) throws IOException {
    return readUpTo(in, limit, 0);
  }

  /**
   * As {@link #readUpTo(InputStream, long)}, into one array of the {@code expected} length (what
   * the body's framing announced; 0 when unknown), grown only if more comes: a body of the length
   * it announced is read with no copy and no scratch buffer.
   */
  public static byte[] readUpTo(InputStream in, long limit, long expected) throws IOException {
    long cap = Math.min(limit, MAX_ARRAY);
    byte[] buf = new byte[(int) Math.min(cap, expected > 0 ? expected : INITIAL_BYTES)];
    int total = 0;
    while (total < cap) {
      if (total == buf.length) {
        int next = in.read(); // the announced length read whole: most often the end, seen here
        if (next < 0) {
          return buf;
        }
        buf = Arrays.copyOf(buf, (int) Math.min(cap, Math.max(2L * buf.length, INITIAL_BYTES)));
        buf[total++] = (byte) next;
        continue;
      }
      int n = in.read(buf, total, buf.length - total);
      if (n <= 0) {
        break;
      }
      total += n;
    }
    return total == buf.length ? buf : Arrays.copyOf(buf, total);
  }
}
