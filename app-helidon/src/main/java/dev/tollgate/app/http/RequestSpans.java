package dev.tollgate.app.http;

import dev.tollgate.port.out.Endpoint;
import io.helidon.http.Headers;

/** Begins the {@link RequestSpan} of each {@code /v1} request; {@link #NONE} when tracing is off. */
@FunctionalInterface
public interface RequestSpans {

  RequestSpans NONE = (headers, endpoint) -> RequestSpan.NONE;

  /**
   * @param headers the client's request headers: an incoming W3C {@code traceparent} is continued
   * @param endpoint the operation, which names the span
   */
  RequestSpan begin(Headers headers, Endpoint endpoint);
}
