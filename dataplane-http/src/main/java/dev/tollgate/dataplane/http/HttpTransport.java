package dev.tollgate.dataplane.http;

import dev.tollgate.port.out.DataPlaneException;
import dev.tollgate.port.out.DataPlaneException.Kind;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.port.out.UpstreamResponseHead;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one HTTP client of the data-plane adapters: a JDK {@link HttpClient} forced to HTTP/1.1, with
 * a bounded connect timeout, pooled keep-alive connections and a dedicated fixed-size executor of
 * daemon threads. HTTP/1.1 because on plain-text listeners the JDK would otherwise attempt an h2c
 * upgrade on every new connection, and because one connection per in-flight stream keeps a slow
 * tenant's stream from sharing a flow-control window with everyone else's.
 *
 * <p>A response is returned as soon as its head arrives; the body is an unbuffered stream the
 * caller reads and closes. {@link UpstreamRequest#timeout()} (capped at {@code maxHeadTimeout})
 * bounds the wait for the head only: the JDK cancels the request timer once the head is in, so a
 * long stream is never cut by it. Bounding the body is the caller's concern (idle timeouts).
 *
 * <p>Failures before a head become {@link DataPlaneException}s:
 *
 * <ul>
 *   <li>no head within the timeout: {@link Kind#TIMEOUT} (504);
 *   <li>refused, reset, DNS failure, any other I/O error: {@link Kind#UNREACHABLE} (502);
 *   <li>no TCP connection within the connect timeout: also {@link Kind#UNREACHABLE}. The JDK models
 *       it as a timeout, but it says that nothing answers at that address (a partition, a black
 *       hole), not that a model was slow, so the client gets a 502 and the operator a clear cause.
 * </ul>
 *
 * <p>Pool size and keep-alive idle time are JDK-wide system properties
 * ({@code jdk.httpclient.connectionPoolSize}, {@code jdk.httpclient.keepalive.timeout}); the app
 * sets them once at start-up if the defaults (unbounded pool, 30 s idle) do not fit.
 */
public final class HttpTransport implements AutoCloseable {

  /** More threads than this only add context switches: sends block the caller, not the pool. */
  static final int MAX_THREADS = 64;

  private final HttpClient client;
  private final ExecutorService executor;
  private final Duration connectTimeout;
  private final Duration maxHeadTimeout;

  /**
   * @param connectTimeout the longest a TCP connect may take
   * @param maxHeadTimeout a ceiling on every request's head timeout
   * @param threads the size of the client's executor, 1..{@value #MAX_THREADS}
   */
  public HttpTransport(Duration connectTimeout, Duration maxHeadTimeout, int threads) {
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("maxHeadTimeout", maxHeadTimeout);
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ": " + threads);
    }
    this.connectTimeout = connectTimeout;
    this.maxHeadTimeout = maxHeadTimeout;
    this.executor = Executors.newFixedThreadPool(threads, daemonThreads());
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
  }

  /** A transport whose executor has one thread per core, between 2 and 8. */
  public HttpTransport(Duration connectTimeout, Duration maxHeadTimeout) {
    this(connectTimeout, maxHeadTimeout, Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 8));
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
    HttpRequest httpRequest = build(target, request, extraHeaders);
    try {
      HttpResponse<InputStream> response = client.send(httpRequest, BodyHandlers.ofInputStream());
      return new StreamedResponse(head(response.statusCode(), response.headers()), response.body());
    } catch (HttpConnectTimeoutException e) {
      throw new DataPlaneException(
          Kind.UNREACHABLE, "no connection to " + target + " within " + connectTimeout, e);
    } catch (HttpTimeoutException e) {
      throw new DataPlaneException(
          Kind.TIMEOUT, "no response head from " + target + " within " + headTimeout(request), e);
    } catch (IOException e) {
      throw new DataPlaneException(Kind.UNREACHABLE, target + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataPlaneException(Kind.UNREACHABLE, "interrupted waiting for " + target, e);
    }
  }

  /** Aborts in-flight exchanges and stops the executor; call after traffic has drained. */
  @Override
  public void close() {
    client.shutdownNow();
    executor.shutdownNow();
  }

  private HttpRequest build(URI target, UpstreamRequest request, Map<String, String> extra) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target)
            .timeout(headTimeout(request))
            .header("content-type", "application/json")
            .header("accept", request.stream() ? "text/event-stream" : "application/json")
            .header("x-request-id", request.requestId().value())
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    extra.forEach(builder::header);
    return builder.build();
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

  /** Status and headers, names lower-cased; HTTP/2 pseudo-headers never reach the port. */
  static UpstreamResponseHead head(int status, HttpHeaders headers) {
    Map<String, List<String>> lowered = new HashMap<>();
    headers.map().forEach((name, values) -> {
      if (!name.startsWith(":")) {
        lowered.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values);
      }
    });
    Map<String, List<String>> frozen = new HashMap<>();
    lowered.forEach((name, values) -> frozen.put(name, List.copyOf(values)));
    return new UpstreamResponseHead(status, frozen);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "tollgate-dataplane-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  /** A response whose body is the JDK's unbuffered stream; closing it frees the connection. */
  private record StreamedResponse(UpstreamResponseHead head, InputStream body)
      implements UpstreamResponse {

    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException ignored) {
        // The port promises close never throws; a failed close leaves nothing to do.
      }
    }
  }
}
