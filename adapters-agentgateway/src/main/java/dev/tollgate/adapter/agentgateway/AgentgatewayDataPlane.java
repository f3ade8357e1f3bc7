package dev.tollgate.adapter.agentgateway;

import dev.tollgate.dataplane.http.HeaderDecorator;
import dev.tollgate.dataplane.http.HttpTransport;
import dev.tollgate.dataplane.http.OpenAiCompatibleDataPlane;
import dev.tollgate.port.out.UpstreamRequest;
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
 * <p>It owns its transport (the kit's): close it when the app stops.
 */
public final class AgentgatewayDataPlane extends OpenAiCompatibleDataPlane {

  public static final String NAME = "agentgateway";

  public AgentgatewayDataPlane(AgentgatewaySettings settings) {
    this(settings, Optional.empty());
  }

  /**
   * @param bearerToken the credential agentgateway requires of Tollgate, if its listener has one
   *     (sent as {@code authorization: Bearer …}; never logged)
   */
  public AgentgatewayDataPlane(AgentgatewaySettings settings, Optional<String> bearerToken) {
    super(NAME, checked(settings, bearerToken).baseUri(),
        new HttpTransport(settings.connectTimeout(), settings.requestTimeout()),
        headers(settings, bearerToken), AgentgatewayUsage::normalize);
  }

  private static AgentgatewaySettings checked(
      AgentgatewaySettings settings, Optional<String> bearerToken) {
    if (settings == null || bearerToken == null) {
      throw new IllegalArgumentException("settings and bearerToken (possibly empty) are required");
    }
    return settings;
  }

  /** The routing headers, and the bearer credential when there is one. */
  private static HeaderDecorator headers(
      AgentgatewaySettings settings, Optional<String> bearerToken) {
    HeaderDecorator routing = routingHeaders(settings);
    return bearerToken.isEmpty() ? routing : request -> {
      Map<String, String> all = new HashMap<>(routing.headersFor(request));
      all.put("authorization", "Bearer " + bearerToken.get());
      return all;
    };
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
