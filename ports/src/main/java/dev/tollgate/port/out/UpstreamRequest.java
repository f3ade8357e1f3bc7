package dev.tollgate.port.out;

import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.TenantId;
import java.time.Duration;
import java.util.Optional;

/**
 * One request for the data plane: the body as Tollgate rewrote it (upstream model name, usage
 * always requested on streams), and the routing facts each adapter turns into its own headers.
 *
 * @param upstreamModel the model name the data plane routes on
 * @param objective the inference objective (priority) from the tenant's configuration
 * @param fairnessId the fairness id from the tenant's configuration
 * @param timeout the longest the data plane may take to answer with a response head
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
    Duration timeout) {

  public UpstreamRequest {
    if (endpoint == null || body == null || requestId == null || upstreamModel == null
        || tenant == null || objective == null || fairnessId == null || timeout == null) {
      throw new IllegalArgumentException("every UpstreamRequest field is required");
    }
  }
}
