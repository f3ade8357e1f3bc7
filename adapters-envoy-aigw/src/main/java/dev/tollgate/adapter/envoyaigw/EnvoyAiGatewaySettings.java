package dev.tollgate.adapter.envoyaigw;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where Envoy AI Gateway listens and what to tell it.
 *
 * @param baseUri the gateway's listener, e.g. {@code http://envoy-ai-gateway:8080}; a path prefix
 *     is kept
 * @param connectTimeout the longest a TCP connect may take
 * @param requestTimeout a ceiling on the wait for a response head; each request's own timeout
 *     applies when shorter. A non-streamed completion's head comes after the whole generation, so
 *     this is minutes, not seconds
 * @param tenantHeader the header carrying Tollgate's tenant id, the one the gateway's per-tenant
 *     token quotas ({@code BackendTrafficPolicy} rate limits) key on
 * @param sendModelHeader whether to send {@code x-ai-eg-model} with the upstream model. The gateway
 *     derives it from the body itself; sending it lets the very first route match already see it
 * @param objectiveHeader the header the inference pool's endpoint picker reads the inference
 *     objective from, when a route's backend is an {@code InferencePool}
 * @param fairnessHeader the header the endpoint picker reads the fairness id from
 */
public record EnvoyAiGatewaySettings(
    URI baseUri,
    Duration connectTimeout,
    Duration requestTimeout,
    String tenantHeader,
    boolean sendModelHeader,
    String objectiveHeader,
    String fairnessHeader) {

  public static final String DEFAULT_TENANT_HEADER = "x-tenant-id";
  public static final String DEFAULT_OBJECTIVE_HEADER = "x-llm-d-inference-objective";
  public static final String DEFAULT_FAIRNESS_HEADER = "x-llm-d-inference-fairness-id";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Set<String> NOT_OURS_TO_SET = Set.of("accept", "content-type",
      "content-length", "host", "x-request-id", "connection", "authorization",
      EnvoyAiGatewayDataPlane.MODEL_HEADER);

  public EnvoyAiGatewaySettings {
    if (baseUri == null
        || !("http".equals(baseUri.getScheme()) || "https".equals(baseUri.getScheme()))) {
      throw new IllegalArgumentException("baseUri must be an http(s) URI: " + baseUri);
    }
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("requestTimeout", requestTimeout);
    requireHeaderName("tenantHeader", tenantHeader);
    requireHeaderName("objectiveHeader", objectiveHeader);
    requireHeaderName("fairnessHeader", fairnessHeader);
    if (Set.of(tenantHeader, objectiveHeader, fairnessHeader).size() != 3) {
      throw new IllegalArgumentException("tenant, objective and fairness need three headers: "
          + tenantHeader + ", " + objectiveHeader + ", " + fairnessHeader);
    }
  }

  /** The defaults: 2 s to connect, 10 min to a response head, x-tenant-id, x-ai-eg-model sent. */
  public static EnvoyAiGatewaySettings defaults(URI baseUri) {
    return new EnvoyAiGatewaySettings(baseUri, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_TENANT_HEADER, true, DEFAULT_OBJECTIVE_HEADER, DEFAULT_FAIRNESS_HEADER);
  }

  public EnvoyAiGatewaySettings withTimeouts(Duration connect, Duration request) {
    return new EnvoyAiGatewaySettings(baseUri, connect, request, tenantHeader, sendModelHeader,
        objectiveHeader, fairnessHeader);
  }

  public EnvoyAiGatewaySettings withTenantHeader(String header) {
    return new EnvoyAiGatewaySettings(baseUri, connectTimeout, requestTimeout, header,
        sendModelHeader, objectiveHeader, fairnessHeader);
  }

  public EnvoyAiGatewaySettings withModelHeader(boolean send) {
    return new EnvoyAiGatewaySettings(baseUri, connectTimeout, requestTimeout, tenantHeader, send,
        objectiveHeader, fairnessHeader);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  private static void requireHeaderName(String name, String value) {
    if (value == null || !HEADER_NAME.matcher(value).matches() || NOT_OURS_TO_SET.contains(value)) {
      throw new IllegalArgumentException(name
          + " must be a lower-case header name that neither the transport nor the model owns: "
          + value);
    }
  }
}
