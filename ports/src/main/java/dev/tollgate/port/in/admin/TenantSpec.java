package dev.tollgate.port.in.admin;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.Tag;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's editable fields: name, labels, allow-list (empty: every served model), aliases,
 * priority (inference objective) and fairness id for the data plane, whether it is active, and
 * its policy near the limit of a budget (clamp, demotion), whether it trusts user headers, and the
 * request tags its keys may send (empty: any).
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
    boolean trustedUserHeaders,
    Set<Tag> allowedTags) {

  public TenantSpec {
    metadata = Map.copyOf(metadata);
    allowedTags = Set.copyOf(allowedTags);
    allowedModels = Set.copyOf(allowedModels);
    aliases = Map.copyOf(aliases);
    if (name == null || objective == null || fairnessId == null || nearLimit == null) {
      throw new IllegalArgumentException("name, objective, fairnessId and nearLimit are required");
    }
  }

  /** A spec whose tenant allows any tag. */
  public TenantSpec(String name, Map<String, String> metadata, Set<ModelName> allowedModels,
      Map<String, ModelName> aliases, Optional<String> objective, Optional<String> fairnessId,
      boolean active, NearLimitPolicy nearLimit, boolean trustedUserHeaders) {
    this(name, metadata, allowedModels, aliases, objective, fairnessId, active, nearLimit,
        trustedUserHeaders, Set.of());
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
