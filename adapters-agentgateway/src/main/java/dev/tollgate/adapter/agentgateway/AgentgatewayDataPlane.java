package dev.tollgate.adapter.agentgateway;

import dev.tollgate.dataplane.http.HeaderDecorator;
import dev.tollgate.dataplane.http.HttpTransport;
import dev.tollgate.dataplane.http.OpenAiCompatibleDataPlane;
import dev.tollgate.domain.usage.MessagesUsage;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.DataPlane;
import dev.tollgate.port.out.UpstreamError;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.port.out.UpstreamResponseHead;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * agentgateway as Tollgate's data plane.
 *
 * <ul>
 *   <li><b>Routing.</b> The tenant's inference objective and fairness id, when configured, go out
 *       as the endpoint picker's headers ({@code x-llm-d-inference-objective},
 *       {@code x-llm-d-inference-fairness-id} by default). The picker trusts them, so only Tollgate
 *       sets them: requests are built from scratch and no client header is forwarded, except, on
 *       the Messages routes, the ones Anthropic's API defines ({@code anthropic-version},
 *       {@code anthropic-beta}; {@link UpstreamRequest#clientHeaders()}), which the routing headers
 *       override.
 *   <li><b>Messages.</b> {@code /v1/messages} is agentgateway's {@code Messages} route and
 *       {@code /v1/messages/count_tokens} its {@code AnthropicTokenCount} route; both answer in
 *       Anthropic's shape (passed through from Anthropic, or translated from another provider), so
 *       usage is Anthropic's ({@link dev.tollgate.wire.anthropic.AnthropicUsageReader}).
 *   <li><b>Usage.</b> agentgateway puts usage in the body only; its meaning depends on the provider
 *       behind the route. {@code prompt_tokens} is read as fresh input when Anthropic's top-level
 *       {@code cache_*_input_tokens} fields are present or the cache counts exceed it, and as
 *       OpenAI's inclusive count otherwise; reasoning is taken out of the completion; total_tokens
 *       is ignored. The rule and its evidence, fixture by fixture, are on
 *       {@link AgentgatewayUsage}.
 *   <li><b>Errors.</b> agentgateway's own rejections (rate limit, no route, upstream down, timeout)
 *       and the endpoint picker's 429/503 are plain text; provider errors pass through as JSON.
 *       Both go through the kit's {@link dev.tollgate.wire.openai.OpenAiErrors} table.
 * </ul>
 *
 * <p>It owns its transport: close it when the app stops.
 */
public final class AgentgatewayDataPlane implements DataPlane, AutoCloseable {

  public static final String NAME = "agentgateway";

  private final HttpTransport transport;
  private final OpenAiCompatibleDataPlane plane;

  public AgentgatewayDataPlane(AgentgatewaySettings settings) {
    this(settings, Optional.empty());
  }

  /**
   * @param bearerToken the credential agentgateway requires of Tollgate, if its listener has one
   *     (sent as {@code authorization: Bearer …}; never logged)
   */
  public AgentgatewayDataPlane(AgentgatewaySettings settings, Optional<String> bearerToken) {
    if (settings == null || bearerToken == null) {
      throw new IllegalArgumentException("settings and bearerToken (possibly empty) are required");
    }
    this.transport = new HttpTransport(settings.connectTimeout(), settings.requestTimeout());
    HeaderDecorator routing = routingHeaders(settings);
    HeaderDecorator headers = bearerToken.isEmpty() ? routing : request -> {
      Map<String, String> all = new HashMap<>(routing.headersFor(request));
      all.put("authorization", "Bearer " + bearerToken.get());
      return all;
    };
    this.plane = new OpenAiCompatibleDataPlane(NAME, settings.baseUri(), transport, headers,
        AgentgatewayUsage::normalize);
  }

  @Override
  public String name() {
    return plane.name();
  }

  @Override
  public UpstreamResponse send(UpstreamRequest request) {
    return plane.send(request);
  }

  @Override
  public Optional<TokenUsage> usageIn(byte[] json, int offset, int length) {
    return plane.usageIn(json, offset, length);
  }

  @Override
  public Optional<MessagesUsage> messagesUsageIn(byte[] json, int offset, int length) {
    return plane.messagesUsageIn(json, offset, length);
  }

  @Override
  public UpstreamError errorOf(UpstreamResponseHead head, byte[] body) {
    return plane.errorOf(head, body);
  }

  @Override
  public void close() {
    transport.close();
  }

  /** The objective and fairness id as the endpoint picker's headers; blank values are left out. */
  static HeaderDecorator routingHeaders(AgentgatewaySettings settings) {
    return request -> {
      Map<String, String> headers = new HashMap<>(4);
      request.objective().filter(value -> !value.isBlank())
          .ifPresent(value -> headers.put(settings.objectiveHeader(), value));
      request.fairnessId().filter(value -> !value.isBlank())
          .ifPresent(value -> headers.put(settings.fairnessHeader(), value));
      return headers;
    };
  }
}
