package dev.tollgate.port.out;

import dev.tollgate.domain.usage.TokenUsage;
import java.util.Optional;

/**
 * The inference data plane under Tollgate (agentgateway, Envoy AI Gateway, or the simulator): it
 * forwards an OpenAI-shaped request and answers OpenAI-shaped responses. Each adapter knows its
 * data plane's headers, usage shapes and error bodies; the core sees only normalized values.
 */
public interface DataPlane {

  /** A short name for logs and metrics, e.g. {@code agentgateway}. */
  String name();

  /**
   * Sends one request and returns once the response head has arrived; the body is then read
   * (streamed) by the caller, who must close it.
   *
   * @throws DataPlaneException when no response head arrived: connection refused or reset,
   *     timeout before the first byte
   */
  UpstreamResponse send(UpstreamRequest request);

  /**
   * The usage carried by one JSON document of this data plane (a whole response body, or the data
   * of one streamed event), normalized to disjoint parts; empty if it carries none.
   */
  Optional<TokenUsage> usageIn(byte[] json, int offset, int length);

  /** What a non-2xx response means, in OpenAI's error terms. */
  UpstreamError errorOf(UpstreamResponseHead head, byte[] body);
}
