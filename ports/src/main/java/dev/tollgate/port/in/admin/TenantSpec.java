package dev.tollgate.port.in.admin;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's editable fields: name, labels, allow-list (empty: every served model), aliases,
 * priority (inference objective) and fairness id for the data plane, whether it is active, and
 * its policy near the limit of a budget (clamp, demotion).
 */
public record TenantSpec(
    String name,
    Map<String, String> metadata,
    Set<ModelName> allowedModels,
    Map<String, ModelName> aliases,
    Optional<String> objective,
    Optional<String> fairnessId,
    boolean active,
    NearLimitPolicy nearLimit,
    boolean trustedUserHeaders) {

  public TenantSpec {
    metadata = Map.copyOf(metadata);
    allowedModels = Set.copyOf(allowedModels);
    aliases = Map.copyOf(aliases);
    if (name == null || objective == null || fairnessId == null || nearLimit == null) {
      throw new IllegalArgumentException("name, objective, fairnessId and nearLimit are required");
    }
  }

  /** A spec whose tenant does not trust user headers. */
  public TenantSpec(String name, Map<String, String> metadata, Set<ModelName> allowedModels,
      Map<String, ModelName> aliases, Optional<String> objective, Optional<String> fairnessId,
      boolean active, NearLimitPolicy nearLimit) {
    this(name, metadata, allowedModels, aliases, objective, fairnessId, active, nearLimit, false);
  }

  /** A spec whose tenant refuses at the limit and is never demoted. */
  public TenantSpec(String name, Map<String, String> metadata, Set<ModelName> allowedModels,
      Map<String, ModelName> aliases, Optional<String> objective, Optional<String> fairnessId,
      boolean active) {
    this(name, metadata, allowedModels, aliases, objective, fairnessId, active,
        NearLimitPolicy.DEFAULT);
  }
}
