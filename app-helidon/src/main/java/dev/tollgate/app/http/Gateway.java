package dev.tollgate.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.port.out.DataPlane;
import dev.tollgate.port.out.RequestTelemetry;
import dev.tollgate.service.Tollgate;
import dev.tollgate.wire.openai.RequestParser;
import java.time.Duration;

/**
 * What the {@code /v1} handlers share: the engine, the data plane, parsing and counting, and the
 * bounds they enforce, where each request's outcome is reported, and how its span is begun.
 */
public record Gateway(
    Tollgate tollgate,
    DataPlane dataPlane,
    ObjectMapper mapper,
    RequestParser parser,
    TokenCounter tokens,
    RequestIds requestIds,
    BodyBuffer bodyBuffer,
    long maxBodyBytes,
    long maxResponseBytes,
    Duration upstreamTimeout,
    RequestTelemetry telemetry,
    SessionHeaders sessionHeaders,
    RequestSpans spans) {

  /** With the default session headers ({@link SessionHeaders#DEFAULT}), tracing nothing. */
  public Gateway(Tollgate tollgate, DataPlane dataPlane, ObjectMapper mapper, RequestParser parser,
      TokenCounter tokens, RequestIds requestIds, BodyBuffer bodyBuffer, long maxBodyBytes,
      long maxResponseBytes, Duration upstreamTimeout, RequestTelemetry telemetry) {
    this(tollgate, dataPlane, mapper, parser, tokens, requestIds, bodyBuffer, maxBodyBytes,
        maxResponseBytes, upstreamTimeout, telemetry, SessionHeaders.DEFAULT, RequestSpans.NONE);
  }

  /** Reporting to no telemetry, tracing nothing. */
  public Gateway(Tollgate tollgate, DataPlane dataPlane, ObjectMapper mapper, RequestParser parser,
      TokenCounter tokens, RequestIds requestIds, BodyBuffer bodyBuffer, long maxBodyBytes,
      long maxResponseBytes, Duration upstreamTimeout) {
    this(tollgate, dataPlane, mapper, parser, tokens, requestIds, bodyBuffer, maxBodyBytes,
        maxResponseBytes, upstreamTimeout, RequestTelemetry.NONE);
  }

  /** The same with another telemetry. */
  public Gateway withTelemetry(RequestTelemetry to) {
    return new Gateway(tollgate, dataPlane, mapper, parser, tokens, requestIds, bodyBuffer,
        maxBodyBytes, maxResponseBytes, upstreamTimeout, to, sessionHeaders, spans);
  }

  /** The same reading sessions from other headers. */
  public Gateway withSessionHeaders(SessionHeaders headers) {
    return new Gateway(tollgate, dataPlane, mapper, parser, tokens, requestIds, bodyBuffer,
        maxBodyBytes, maxResponseBytes, upstreamTimeout, telemetry, headers, spans);
  }

  /** The same, beginning each request's span with {@code with}. */
  public Gateway withSpans(RequestSpans with) {
    return new Gateway(tollgate, dataPlane, mapper, parser, tokens, requestIds, bodyBuffer,
        maxBodyBytes, maxResponseBytes, upstreamTimeout, telemetry, sessionHeaders, with);
  }
}
