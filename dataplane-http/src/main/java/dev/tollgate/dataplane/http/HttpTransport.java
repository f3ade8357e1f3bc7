package dev.tollgate.dataplane.http;

import dev.tollgate.port.out.DataPlaneException;
import dev.tollgate.port.out.DataPlaneException.Kind;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.port.out.UpstreamResponseHead;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one HTTP client of the data-plane adapters: a Helidon {@link WebClient} (HTTP/1.1, blocking
 * on the caller's virtual thread, keep-alive connections cached per client, TCP_NODELAY, no
 * redirects). It replaced the JDK {@code HttpClient}, whose asynchronous machinery (executor
 * hand-offs, a reflectively built filter chain per exchange) was the largest CPU cost per request
 * in the benchmark (docs/benchmarks.md). HTTP/1.1 because one connection per in-flight stream
 * keeps a slow tenant's stream from sharing a flow-control window with everyone else's.
 *
 * <p>A response is returned as soon as its head arrives; the body is an unbuffered stream the
 * caller reads and closes. {@link UpstreamRequest#timeout()} (capped at {@code maxHeadTimeout}) is
 * the socket read timeout: the longest wait for the head, and then the longest silence between
 * two reads of the body, so a stream that stalls is cut instead of holding its slot forever.
 *
 * <p>Failures before a head become {@link DataPlaneException}s:
 *
 * <ul>
 *   <li>no head within the timeout: {@link Kind#TIMEOUT} (504);
 *   <li>refused, reset, DNS failure, any other I/O error: {@link Kind#UNREACHABLE} (502);
 *   <li>no TCP connection within the connect timeout: also {@link Kind#UNREACHABLE}: nothing
 *       answers at that address (a partition, a black hole), which is not a slow model.
 * </ul>
 */
public final class HttpTransport implements AutoCloseable {

  /** Kept for the constructor's contract; the client blocks the caller and needs no pool. */
  static final int MAX_THREADS = 64;
  private static final int CONNECTIONS_PER_HOST = 256;

  private final WebClient client;
  private final Duration connectTimeout;
  private final Duration maxHeadTimeout;

  /**
   * @param connectTimeout the longest a TCP connect may take
   * @param maxHeadTimeout a ceiling on every request's read timeout
   * @param threads accepted for compatibility, 1..{@value #MAX_THREADS}; requests run on the
   *     caller's (virtual) thread
   */
  public HttpTransport(Duration connectTimeout, Duration maxHeadTimeout, int threads) {
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("maxHeadTimeout", maxHeadTimeout);
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ": " + threads);
    }
    this.connectTimeout = connectTimeout;
    this.maxHeadTimeout = maxHeadTimeout;
    this.client = WebClient.builder()
        .connectTimeout(connectTimeout)
        .readTimeout(maxHeadTimeout)
        .followRedirects(false)
        .keepAlive(true)
        .sendExpectContinue(false)
        .shareConnectionCache(false)
        .connectionCacheSize(CONNECTIONS_PER_HOST)
        .socketOptions(o -> o.tcpNoDelay(true).connectTimeout(connectTimeout).readTimeout(maxHeadTimeout))
        .build();
  }

  public HttpTransport(Duration connectTimeout, Duration maxHeadTimeout) {
    this(connectTimeout, maxHeadTimeout, 2);
  }

  /**
   * POSTs the request body to {@code base} + the endpoint's path and returns once the head is in.
   *
   * @param extraHeaders headers the adapter adds (routing facts); they must not be restricted
   *     HTTP/1.1 headers such as {@code host} or {@code content-length}
   * @throws DataPlaneException when no response head arrived
   */
  public UpstreamResponse send(URI base, UpstreamRequest request, Map<String, String> extraHeaders) {
    URI target = target(base, request.endpoint());
    HttpClientRequest http = client.post().uri(target).readTimeout(headTimeout(request))
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .header(HeaderNames.ACCEPT, request.stream() ? "text/event-stream" : "application/json")
        .header(REQUEST_ID, request.requestId().value());
    extraHeaders.forEach((name, value) -> http.header(HeaderNames.create(name), value));
    try {
      HttpClientResponse response = http.submit(request.body());
      return new StreamedResponse(head(response), new IoExceptions(response.inputStream()), response);
    } catch (UncheckedIOException e) {
      throw translate(target, request, e.getCause());
    } catch (RuntimeException e) {
      throw translate(target, request, e);
    }
  }

  private DataPlaneException translate(URI target, UpstreamRequest request, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException) {
        return new DataPlaneException(Kind.UNREACHABLE, target + " unreachable: " + t, e);
      }
      if (t instanceof SocketTimeoutException timeout) {
        String message = String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("connect")
            ? new DataPlaneException(Kind.UNREACHABLE,
                "no connection to " + target + " within " + connectTimeout, e)
            : new DataPlaneException(Kind.TIMEOUT,
                "no response head from " + target + " within " + headTimeout(request), e);
      }
    }
    return new DataPlaneException(Kind.UNREACHABLE, target + " unreachable: " + e, e);
  }

  /** Nothing to release eagerly: cached connections close with the client's owner. */
  @Override
  public void close() {
    client.closeResource();
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

  /** Status and headers, names lower-cased. */
  static UpstreamResponseHead head(HttpClientResponse response) {
    Map<String, List<String>> headers = new HashMap<>();
    for (Header header : response.headers()) {
      headers.merge(header.name().toLowerCase(Locale.ROOT), List.copyOf(header.allValues()),
          (a, b) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
          });
    }
    return new UpstreamResponseHead(response.status().code(), headers);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  private static final io.helidon.http.HeaderName REQUEST_ID = HeaderNames.create("x-request-id");

  /**
   * Helidon reports read failures unchecked (an {@link UncheckedIOException}, or its own exception
   * when a connection closes mid-chunk); the port promises {@link java.io.IOException}s.
   */
  private static final class IoExceptions extends java.io.FilterInputStream {
    IoExceptions(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws java.io.IOException {
      try {
        return super.read();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } catch (RuntimeException e) {
        throw new java.io.IOException("the data plane's response broke off: " + e, e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
      try {
        return super.read(b, off, len);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } catch (RuntimeException e) {
        throw new java.io.IOException("the data plane's response broke off: " + e, e);
      }
    }

    @Override
    public void close() throws java.io.IOException {
      try {
        super.close();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } catch (RuntimeException e) {
        throw new java.io.IOException("the data plane's response broke off: " + e, e);
      }
    }
  }

  /** A response whose body is read as it arrives; closing it returns or drops the connection. */
  private record StreamedResponse(UpstreamResponseHead head, InputStream body, HttpClientResponse response)
      implements UpstreamResponse {

    @Override
    public void close() {
      try {
        response.close();
      } catch (RuntimeException ignored) {
        // The port promises close never throws; a failed close leaves nothing to do.
      }
    }
  }
}
