package dev.tollgate.app.config;

import java.net.URI;
import java.time.Duration;

/**
 * {@code tollgate.tracing.*} (docs/observability.md#traces): OpenTelemetry spans exported over
 * OTLP/HTTP (protobuf). Off by default; off, the request path uses a no-op span.
 *
 * @param enabled export spans
 * @param endpoint the collector's OTLP/HTTP traces URL, e.g. {@code http://otel-collector:4318/v1/traces}
 * @param serviceName the {@code service.name} resource attribute
 * @param sampleRatio the share of new traces recorded, 0 to 1; a request that arrives with a
 *     {@code traceparent} follows its caller's sampling decision
 * @param exportInterval how long finished spans wait in the queue before a batch is sent
 * @param maxQueueSize the most finished spans waiting to be sent; beyond it new ones are dropped
 *     (a slow or absent collector never holds requests up or fills the heap)
 */
public record TracingSettings(
    boolean enabled,
    URI endpoint,
    String serviceName,
    double sampleRatio,
    Duration exportInterval,
    int maxQueueSize) {

  public static final TracingSettings DEFAULTS = new TracingSettings(false,
      URI.create("http://127.0.0.1:4318/v1/traces"), "tollgate", 1.0, Duration.ofSeconds(5), 2048);

  public TracingSettings {
    if (endpoint == null
        || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
      throw new IllegalArgumentException("tollgate.tracing.endpoint must be an http(s) URL: "
          + endpoint);
    }
    if (serviceName == null || serviceName.isBlank()) {
      throw new IllegalArgumentException("tollgate.tracing.service-name must not be blank");
    }
    // A configured share, not money or tokens: floating point is what the sampler takes.
    if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
      throw new IllegalArgumentException("tollgate.tracing.sample-ratio must be 0..1: "
          + sampleRatio);
    }
    if (exportInterval == null || exportInterval.toMillis() < 10) {
      throw new IllegalArgumentException("tollgate.tracing.export-interval must be at least 10 ms");
    }
    if (maxQueueSize < 1 || maxQueueSize > 1_000_000) {
      throw new IllegalArgumentException("tollgate.tracing.max-queue-size must be 1..1000000: "
          + maxQueueSize);
    }
  }

  /** The same settings, on, exporting to {@code to}. */
  public TracingSettings exportingTo(URI to) {
    return new TracingSettings(true, to, serviceName, sampleRatio, exportInterval, maxQueueSize);
  }
}
