package dev.tollgate.adapter.envoyaigw;

import dev.tollgate.dataplane.http.HeaderDecorator;
import dev.tollgate.dataplane.http.HttpTransport;
import dev.tollgate.dataplane.http.OpenAiCompatibleDataPlane;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Envoy AI Gateway as Tollgate's data plane.
 *
 * <ul>
 *   <li><b>Routing.</b> The upstream model goes in the body (Tollgate rewrote {@code model}) and,
 *       unless turned off, in {@code x-ai-eg-model}, the header every {@code AIGatewayRoute} rule
 *       matches on (the gateway derives it from the body too; sending it lets the first route
 *       match already see it). The tenant id goes in the configured tenant header
 *       ({@code x-tenant-id} by default), which the gateway's per-tenant token quotas key on. The
 *       tenant's inference objective and fairness id go out as the endpoint picker's headers for
 *       routes whose backend is an {@code InferencePool}. Requests are built from scratch: no
 *       client header is forwarded, so a tenant cannot name another tenant's quota, except, on
 *       the Messages route, the ones Anthropic's API defines ({@code anthropic-version},
 *       {@code anthropic-beta}), which the gateway's own headers override.
 *   <li><b>Messages.</b> {@code /v1/messages} is the gateway's Anthropic endpoint (passed through
 *       to Anthropic, GCP Vertex AI or AWS Bedrock Anthropic backends); it answers in Anthropic's
 *       shape, so usage is Anthropic's ({@link dev.tollgate.wire.anthropic.AnthropicUsageReader}).
 *   <li><b>Usage.</b> The gateway folds cache reads and writes into {@code prompt_tokens}, with the
 *       write count as {@code prompt_tokens_details.cache_creation_input_tokens}; the rule and its
 *       evidence are on {@link EnvoyAiGatewayUsage}.
 *   <li><b>Errors.</b> Backend errors arrive as OpenAI JSON or in the gateway's
 *       {@code {"type":"error","error":{...}}} envelope (its message sometimes the backend's own
 *       JSON error), the gateway's own as plain text ({@code no healthy upstream}); all go through
 *       the kit's {@link dev.tollgate.wire.openai.OpenAiErrors} table.
 * </ul>
 *
 * <p>It owns its transport (the kit's): close it when the app stops.
 */
public final class EnvoyAiGatewayDataPlane extends OpenAiCompatibleDataPlane {

  public static final String NAME = "envoy-aigw";

  /** The header Envoy AI Gateway's routes match the model on. */
  public static final String MODEL_HEADER = "x-ai-eg-model";

  public EnvoyAiGatewayDataPlane(EnvoyAiGatewaySettings settings) {
    this(settings, Optional.empty());
  }

  /**
   * @param bearerToken the credential the gateway's listener requires of Tollgate, if any (a
   *     {@code SecurityPolicy} API key, sent as {@code authorization: Bearer …}; never logged)
   */
  public EnvoyAiGatewayDataPlane(EnvoyAiGatewaySettings settings, Optional<String> bearerToken) {
    super(NAME, checked(settings, bearerToken).baseUri(),
        new HttpTransport(settings.connectTimeout(), settings.requestTimeout()),
        headers(settings, bearerToken), EnvoyAiGatewayUsage::normalize);
  }

  private static EnvoyAiGatewaySettings checked(
      EnvoyAiGatewaySettings settings, Optional<String> bearerToken) {
    if (settings == null || bearerToken == null) {
      throw new IllegalArgumentException("settings and bearerToken (possibly empty) are required");
    }
    return settings;
  }

  /** Model, tenant, objective and fairness as the gateway's headers; blank values are left out. */
  static HeaderDecorator headers(EnvoyAiGatewaySettings settings, Optional<String> bearerToken) {
    return request -> {
      Map<String, String> headers = new HashMap<>(8);
      String model = request.upstreamModel().value();
      if (settings.sendModelHeader() && isHeaderValue(model)) {
        headers.put(MODEL_HEADER, model);
      }
      headers.put(settings.tenantHeader(), request.tenant().value());
      request.objective().filter(value -> !value.isBlank())
          .ifPresent(value -> headers.put(settings.objectiveHeader(), value));
      request.fairnessId().filter(value -> !value.isBlank())
          .ifPresent(value -> headers.put(settings.fairnessHeader(), value));
      bearerToken.ifPresent(token -> headers.put("authorization", "Bearer " + token));
      return headers;
    };
  }

  /**
   * Visible ASCII and inner spaces only: a model name is configuration, but one the HTTP client
   * would refuse as a header value must not fail the request; the body names the model anyway.
   */
  static boolean isHeaderValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return !value.isBlank() && value.strip().equals(value);
  }
}
