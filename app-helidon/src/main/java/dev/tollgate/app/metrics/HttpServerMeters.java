package dev.tollgate.app.metrics;

import dev.tollgate.app.http.Bodies;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code http.server.requests} for every request the listener routes, by method, status and
 * route, the way Micrometer's own web binders name them (Helidon SE has no Micrometer binder).
 * The route is one of the known ones or {@code other}, never the raw path: a scanner's
 * thousand paths must not make a thousand series. A request whose client hung up mid-body is
 * counted as {@link Bodies.CutOff#STATUS} (499), not as whatever status the response held.
 */
public final class HttpServerMeters implements Filter {

  private final MeterRegistry registry;
  private final List<String> exact;
  private final SeriesCap<Key, Timer> timers;

  private record Key(Method method, int status, String route) {}

  /**
   * @param exact the paths that are routes of their own; {@code /admin/...} and
   *     {@code /v1/models/...} are grouped
   */
  public HttpServerMeters(MeterRegistry registry, List<String> exact, int maxSeries) {
    this.registry = registry;
    this.exact = List.copyOf(exact);
    this.timers = new SeriesCap<>(maxSeries, k -> timer(k.method().text(),
        Integer.toString(k.status()), k.route()),
        () -> timer(SeriesCap.OTHER, SeriesCap.OTHER, SeriesCap.OTHER));
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    long start = System.nanoTime();
    int status = 0;
    try {
      chain.proceed();
    } catch (Bodies.CutOff e) {
      status = Bodies.CutOff.STATUS; // the client hung up mid-body: no status went out
      throw e;
    } finally {
      timers.get(new Key(req.prologue().method(), status != 0 ? status : res.status().code(),
          route(req.path().path()))).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  String route(String path) {
    if (exact.contains(path)) {
      return path;
    }
    if (path.startsWith("/admin/v1/")) {
      return "/admin/v1/**";
    }
    if (path.startsWith("/v1/models/")) {
      return "/v1/models/{model}";
    }
    return SeriesCap.OTHER;
  }

  private Timer timer(String method, String status, String route) {
    return Timer.builder("http.server.requests")
        .description("HTTP requests the listener answered")
        .tag("method", method).tag("status", status).tag("uri", route)
        .register(registry);
  }
}
