package dev.tollgate.dataplane.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.tollgate.port.out.DataPlaneException;
import dev.tollgate.port.out.DataPlaneException.Kind;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.port.out.UpstreamResponseHead;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.net.ssl.SSLSocketFactory;

/**
 * The one HTTP client of the data-plane adapters: HTTP/1.1 over pooled keep-alive connections,
 * blocking the caller's (virtual) thread for the whole exchange. It replaced the JDK
 * {@code HttpClient}, whose asynchronous machinery (executor and selector hand-offs, a filter chain
 * built by reflection per exchange) was half the service's CPU per request, and Helidon 4.2's
 * {@code WebClient}, whose connection cache races with its own idle-connection monitor: a
 * connection is put back in the cache before the monitor starts, so a second caller can take it
 * and lose the first byte of its response to the monitor thread (seen as a spurious 502 about once
 * in 200,000 requests; docs/benchmarks.md). HTTP/1.1 because one connection per in-flight stream
 * keeps a slow tenant's stream from sharing a flow-control window with everyone else's.
 *
 * <p>A response is returned as soon as its head arrives; the body is an unbuffered stream the
 * caller reads and closes. {@link UpstreamRequest#timeout()} (capped at {@code maxHeadTimeout}) is
 * the read timeout: the longest wait for the head, and then the longest silence between two reads
 * of the body, so a stream that stalls is cut instead of holding its slot forever. It is kept by
 * one thread per transport rather than by {@code SO_TIMEOUT} ({@link ReadDeadlines}: a timed wait
 * on a virtual thread costs two wake-ups of the JDK's delay scheduler per response), which sleeps
 * until the earliest deadline and fires as late as the scheduler wakes it.
 *
 * <p>Reusing connections safely (the first two as Go's {@code net/http} and Apache HttpClient do;
 * the retry goes further than their defaults for a POST, see docs/data-planes.md):
 *
 * <ul>
 *   <li>a connection idle for {@code maxIdle} or longer is closed, not reused: set it below the
 *       upstream's keep-alive timeout so the client, not the server, ends an idle connection;
 *   <li>before reusing a connection idle for {@link ConnectionPool#CHECK_AFTER} or longer, one
 *       non-blocking read checks that the server has not closed it (a connection back from its
 *       last response more recently is reused unread, as Apache HttpClient's
 *       {@code validateAfterInactivity} does);
 *   <li>if a reused connection still fails before any byte of a response arrived (the server
 *       closed it as the request went out), the request is sent once more on a new connection.
 *       Nothing else is retried: not a timeout, not a failure on a new connection, not a failure
 *       after the response began;
 *   <li>{@code Connection: close}, HTTP/1.0 and bodies delimited by the close end the connection.
 * </ul>
 *
 * <p>Failures before a head become {@link DataPlaneException}s: no head within the timeout is
 * {@link Kind#TIMEOUT} (504); refused, reset, no connection within the connect timeout, DNS
 * failure, a malformed response or any other I/O error is {@link Kind#UNREACHABLE} (502).
 */
public final class HttpTransport implements AutoCloseable {

  /** Below the shortest common keep-alive timeout of HTTP servers (5 s: uvicorn, Node.js). */
  public static final Duration DEFAULT_MAX_IDLE = Duration.ofSeconds(4);
  /** Idle connections kept per origin; more than this are closed when released. */
  public static final int DEFAULT_MAX_IDLE_PER_ORIGIN = 256;

  /** Set by the transport itself; an adapter may not add them. */
  private static final Set<String> RESERVED = Set.of(
      "host", "content-length", "transfer-encoding", "connection", "keep-alive", "te", "upgrade",
      "expect", "trailer");

  private final Duration connectTimeout;
  private final Duration maxHeadTimeout;
  /** The last route asked for, per endpoint: one base per data plane in practice. */
  private final AtomicReferenceArray<Route> routes =
      new AtomicReferenceArray<>(Endpoint.values().length);
  private final ConnectionPool pool;
  private final ReadDeadlines deadlines;
  private final SSLSocketFactory tls;

  /**
   * @param connectTimeout the longest a TCP connect (and TLS handshake) may take
   * @param maxHeadTimeout a ceiling on every request's read timeout
   */
  public HttpTransport(Duration connectTimeout, Duration maxHeadTimeout) {
    this(connectTimeout, maxHeadTimeout, DEFAULT_MAX_IDLE, DEFAULT_MAX_IDLE_PER_ORIGIN);
  }

  /**
   * @param maxIdle connections idle this long are closed instead of reused
   * @param maxIdlePerOrigin idle connections kept per origin
   */
  public HttpTransport(
      Duration connectTimeout, Duration maxHeadTimeout, Duration maxIdle, int maxIdlePerOrigin) {
    this(connectTimeout, maxHeadTimeout, maxIdle, maxIdlePerOrigin, null);
  }

  /** With {@code tls} null, https uses the JDK's default trust. */
  HttpTransport(Duration connectTimeout, Duration maxHeadTimeout, Duration maxIdle,
      int maxIdlePerOrigin, SSLSocketFactory tls) {
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("maxHeadTimeout", maxHeadTimeout);
    this.connectTimeout = connectTimeout;
    this.maxHeadTimeout = maxHeadTimeout;
    this.pool = new ConnectionPool(maxIdle, maxIdlePerOrigin);
    this.tls = tls;
    this.deadlines = new ReadDeadlines(); // last: a refused setting leaves no thread behind
  }

  /**
   * POSTs the request body to {@code base} + the endpoint's path and returns once the head is in.
   *
   * @param extraHeaders headers the adapter adds (routing facts); not ones that frame the message
   *     or manage the connection ({@code host}, {@code content-length}, {@code connection}, …)
   * @throws DataPlaneException when no response head arrived
   */
  public UpstreamResponse send(URI base, UpstreamRequest request, Map<String, String> extraHeaders) {
    Route route = route(base, request.endpoint());
    URI target = route.target();
    Origin origin = route.origin();
    byte[] head = requestHead(route, request, extraHeaders);
    Duration timeout = headTimeout(request);
    Http1Connection pooled = pool.take(origin);
    if (pooled != null) {
      try {
        return exchange(pooled, head, request.body(), timeout);
      } catch (IOException e) {
        pooled.close();
        if (pooled.answered() || e instanceof SocketTimeoutException) {
          throw translate(target, timeout, e);
        }
        // The server closed the idle connection as the request went out: once more, on a new one.
      }
    }
    Http1Connection fresh = connect(origin, target);
    try {
      return exchange(fresh, head, request.body(), timeout);
    } catch (IOException e) {
      fresh.close();
      throw translate(target, timeout, e);
    }
  }

  /** Closes the idle connections; responses still open close theirs when they are closed. */
  @Override
  public void close() {
    pool.close();
    deadlines.close();
  }

  private UpstreamResponse exchange(
      Http1Connection connection, byte[] head, byte[] body, Duration timeout) throws IOException {
    try {
      connection.readTimeout(timeout);
      connection.write(head, body);
      Http1Response response = Http1Response.read(connection);
      return new StreamedResponse(new UpstreamResponseHead(response.status(), response.headers()),
          Http1Body.of(response, connection), response.keepAlive(), pool);
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private Http1Connection connect(Origin origin, URI target) {
    try {
      // The JDK's default TLS context loads and parses the whole trust store (about 150
      // certificates): 40-70 ms of a start's first request, so only an https origin asks for it.
      SSLSocketFactory factory = !origin.tls() ? null
          : tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault();
      return Http1Connection.open(origin, connectTimeout, factory, deadlines);
    } catch (SocketTimeoutException e) {
      throw new DataPlaneException(
          Kind.UNREACHABLE, "no connection to " + target + " within " + connectTimeout, e);
    } catch (IOException e) {
      throw new DataPlaneException(Kind.UNREACHABLE, target + " unreachable: " + e, e);
    }
  }

  private static DataPlaneException translate(URI target, Duration timeout, IOException e) {
    if (e instanceof SocketTimeoutException) {
      return new DataPlaneException(
          Kind.TIMEOUT, "no response head from " + target + " within " + timeout, e);
    }
    return new DataPlaneException(Kind.UNREACHABLE, target + " unreachable: " + e, e);
  }

  /**
   * Where an endpoint's requests go from a base, and the head's first lines: the same for every
   * request through one data plane, so made once ({@link #route}), not parsed per request (the
   * URI's parse was 1.7 % of the durable path's CPU at 32 connections).
   */
  private record Route(URI base, Endpoint endpoint, URI target, Origin origin, String firstLines) {

    static Route of(URI base, Endpoint endpoint) {
      URI target = HttpTransport.target(base, endpoint);
      Origin origin = Origin.of(target);
      String path = target.getRawPath();
      String line = "POST " + (path == null || path.isEmpty() ? "/" : path)
          + (target.getRawQuery() != null ? "?" + target.getRawQuery() : "")
          + " HTTP/1.1\r\nhost: " + origin.hostHeader()
          // An audio form's type names its boundary: the client's, passed on with the request.
          + (endpoint.isAudio() ? "" : "\r\ncontent-type: application/json") + "\r\naccept: ";
      return new Route(base, endpoint, target, origin, line);
    }
  }

  private Route route(URI base, Endpoint endpoint) {
    Route last = routes.get(endpoint.ordinal());
    if (last != null && last.base().equals(base)) {
      return last;
    }
    Route fresh = Route.of(base, endpoint);
    routes.set(endpoint.ordinal(), fresh);
    return fresh;
  }

  private static byte[] requestHead(Route route, UpstreamRequest request, Map<String, String> extra) {
    StringBuilder head = new StringBuilder(320);
    head.append(route.firstLines())
        .append(request.stream() ? "text/event-stream"
            : route.endpoint().isAudio() ? "*/*" : "application/json").append("\r\n");
    field(head, "x-request-id", request.requestId().value());
    extra.forEach((name, value) -> field(head, name, value));
    head.append("content-length: ").append(request.body().length).append("\r\n\r\n");
    return head.toString().getBytes(ISO_8859_1);
  }

  /** Appends one header field; a name or value that could split the message is refused. */
  private static void field(StringBuilder head, String name, String value) {
    if (name.isEmpty() || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("header not allowed: " + name);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        throw new IllegalArgumentException("invalid header name: " + name);
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < ' ' && c != '\t') || c == 0x7f || c > 0xff) {
        throw new IllegalArgumentException("invalid value for header " + name);
      }
    }
    head.append(name).append(": ").append(value).append("\r\n");
  }

  private Duration headTimeout(UpstreamRequest request) {
    return request.timeout().compareTo(maxHeadTimeout) < 0 ? request.timeout() : maxHeadTimeout;
  }

  /** {@code base} without trailing slashes, then the endpoint path: a base may carry a prefix. */
  static URI target(URI base, Endpoint endpoint) {
    String text = base.toString();
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '/') {
      end--;
    }
    return URI.create(text.substring(0, end) + endpoint.path());
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  /**
   * Closing returns the connection to the pool when the body was read to its end and the server
   * allows another request on it; otherwise the connection is closed.
   */
  private static final class StreamedResponse implements UpstreamResponse {
    private final UpstreamResponseHead head;
    private final Http1Body body;
    private final boolean keepAlive;
    private final ConnectionPool pool;
    private final AtomicBoolean closed = new AtomicBoolean();

    StreamedResponse(UpstreamResponseHead head, Http1Body body, boolean keepAlive, ConnectionPool pool) {
      this.head = head;
      this.body = body;
      this.keepAlive = keepAlive;
      this.pool = pool;
    }

    @Override
    public UpstreamResponseHead head() {
      return head;
    }

    @Override
    public InputStream body() {
      return body;
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      if (keepAlive && body.complete()) {
        pool.release(body.connection);
      } else {
        body.connection.close();
      }
    }
  }
}
