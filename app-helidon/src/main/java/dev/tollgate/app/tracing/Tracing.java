package dev.tollgate.app.tracing;

import dev.tollgate.app.config.TracingSettings;
import dev.tollgate.app.http.RequestSpan;
import dev.tollgate.app.http.RequestSpans;
import dev.tollgate.app.metrics.GenAi;
import dev.tollgate.port.out.Endpoint;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/**
 * The service's tracer: with {@code tollgate.tracing.enabled}, an OpenTelemetry SDK tracer
 * provider whose batch processor exports spans over OTLP/HTTP (protobuf) to the configured
 * collector, off the request path; otherwise nothing, and {@link #spans()} is
 * {@link RequestSpans#NONE}. Not registered as the global OpenTelemetry: it is this service's,
 * and an embedding host keeps its own. Close it to export what is queued and stop.
 */
public final class Tracing implements AutoCloseable {

  /** The longest a flush or the final export at close may take. */
  private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_BATCH = 512;
  private static final String SCHEMA_URL =
      "https://opentelemetry.io/schemas/" + GenAi.SEMCONV_VERSION;

  private final Optional<SdkTracerProvider> provider;
  private final RequestSpans spans;

  private Tracing(Optional<SdkTracerProvider> provider, RequestSpans spans) {
    this.provider = provider;
    this.spans = spans;
  }

  /** No tracing at all: every request gets {@link RequestSpan#NONE}. */
  public static Tracing off() {
    return new Tracing(Optional.empty(), RequestSpans.NONE);
  }

  /**
   * @param genAiProvider the {@code gen_ai.provider.name} reported (the metrics' setting)
   */
  public static Tracing start(TracingSettings settings, String genAiProvider) {
    if (!settings.enabled()) {
      return off();
    }
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setEndpoint(settings.endpoint().toString())
        .setTimeout(EXPORT_TIMEOUT)
        .build();
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("service.name"), settings.serviceName()))))
        .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.sampleRatio())))
        .addSpanProcessor(BatchSpanProcessor.builder(exporter)
            .setScheduleDelay(settings.exportInterval())
            .setMaxQueueSize(settings.maxQueueSize())
            .setMaxExportBatchSize(Math.min(MAX_BATCH, settings.maxQueueSize()))
            .setExporterTimeout(EXPORT_TIMEOUT)
            .build())
        .build();
    Tracer tracer = provider.tracerBuilder("dev.tollgate").setSchemaUrl(SCHEMA_URL).build();
    return new Tracing(Optional.of(provider), new Begun(tracer, genAiProvider));
  }

  /** Where the {@code /v1} handlers begin their spans. */
  public RequestSpans spans() {
    return spans;
  }

  /** Exports every finished span now (tests and benchmarks; the batch processor does it on time). */
  public void flush() {
    provider.ifPresent(p -> p.forceFlush().join(EXPORT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Override
  public void close() {
    provider.ifPresent(p -> p.shutdown().join(EXPORT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** Begins a request's spans, continuing the client's trace when it sent one. */
  private record Begun(Tracer tracer, String genAiProvider) implements RequestSpans {
    @Override
    public RequestSpan begin(Headers headers, Endpoint endpoint) {
      Context parent = W3CTraceContextPropagator.getInstance()
          .extract(Context.root(), headers, HEADERS);
      return OtelRequestSpan.begin(tracer, parent, endpoint, genAiProvider);
    }
  }

  private static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
  private static final HeaderName TRACESTATE = HeaderNames.create("tracestate");

  /** Reads the W3C headers from Helidon's request headers (no name is made per request). */
  private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Headers headers) {
      return StreamSupport.stream(headers.spliterator(), false).map(Header::name).toList();
    }

    @Override
    public String get(Headers headers, String key) {
      if (headers == null) {
        return null;
      }
      HeaderName name = switch (key) {
        case "traceparent" -> TRACEPARENT;
        case "tracestate" -> TRACESTATE;
        default -> HeaderNames.create(key);
      };
      return headers.first(name).orElse(null);
    }
  };
}
