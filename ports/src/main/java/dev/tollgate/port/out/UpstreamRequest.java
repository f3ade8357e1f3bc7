package dev.tollgate.port.out;

import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.TenantId;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request for the data plane: the body as Tollgate rewrote it (upstream model name, usage
 * always requested on streams), and the routing facts each adapter turns into its own headers.
 *
 * @param upstreamModel the model name the data plane routes on
 * @param objective the inference objective (priority) from the tenant's configuration
 * @param fairnessId the fairness id from the tenant's configuration
 * @param timeout the longest the data plane may take to answer with a response head
 * @param clientHeaders headers the data plane gets unchanged (names in lower case): the client's
 *     that an API defines for the upstream, such as Anthropic's {@code anthropic-version} and
 *     {@code anthropic-beta}, and, when tracing is on, the W3C trace context of the call
 *     ({@code traceparent}, {@code tracestate}); never credentials. An adapter's own routing
 *     headers win over them. An audio request ({@link Endpoint#isAudio}) carries the client's
 *     {@code content-type} here (its multipart boundary); a JSON one is sent as JSON.
 */
public record UpstreamRequest(
    Endpoint endpoint,
    byte[] body,
    boolean stream,
    RequestId requestId,
    ModelName upstreamModel,
    TenantId tenant,
    Optional<String> objective,
    Optional<String> fairnessId,
    Duration timeout,
    Map<String, String> clientHeaders) {

  public UpstreamRequest {
    if (endpoint == null || body == null || requestId == null || upstreamModel == null
        || tenant == null || objective == null || fairnessId == null || timeout == null
        || clientHeaders == null) {
      throw new IllegalArgumentException("every UpstreamRequest field is required");
    }
    clientHeaders = Map.copyOf(clientHeaders);
    for (String name : clientHeaders.keySet()) {
      if (!name.equals(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("client header names are lower case: " + name);
      }
    }
  }

  /** A request that passes no header on (an OpenAI operation, untraced). */
  public UpstreamRequest(
      Endpoint endpoint, byte[] body, boolean stream, RequestId requestId, ModelName upstreamModel,
      TenantId tenant, Optional<String> objective, Optional<String> fairnessId, Duration timeout) {
    this(endpoint, body, stream, requestId, upstreamModel, tenant, objective, fairnessId, timeout,
        Map.of());
  }
}
