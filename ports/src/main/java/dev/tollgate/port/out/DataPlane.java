package dev.tollgate.port.out;

import dev.tollgate.domain.usage.MessagesUsage;
import dev.tollgate.domain.usage.TokenUsage;
import java.util.Optional;

/**
 * The inference data plane under Tollgate (agentgateway, Envoy AI Gateway, or the simulator): it
 * forwards an OpenAI-shaped request and answers OpenAI-shaped responses, and an Anthropic Messages
 * request ({@link Endpoint#MESSAGES}) with Anthropic-shaped answers. Each adapter knows its
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

  /**
   * The usage carried by one JSON document of Anthropic's Messages API as this data plane answers
   * it (a whole message, or the data of one streamed event: {@code message_start} carries it in
   * {@code message.usage}, {@code message_delta} in {@code usage}), field by field as reported;
   * empty if it carries none. A stream's reports are overlaid with {@link MessagesUsage#then}.
   */
  Optional<MessagesUsage> messagesUsageIn(byte[] json, int offset, int length);

  /** What a non-2xx response means, in OpenAI's error terms. */
  UpstreamError errorOf(UpstreamResponseHead head, byte[] body);
}
