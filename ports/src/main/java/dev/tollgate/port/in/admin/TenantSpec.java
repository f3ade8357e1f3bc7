package dev.tollgate.port.in.admin;

import dev.tollgate.domain.pricing.ModelName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's editable fields: name, labels, allow-list (empty: every served model), aliases,
 * priority (inference objective) and fairness id for the data plane, and whether it is active.
 */
public record TenantSpec(
    String name,
    Map<String, String> metadata,
    Set<ModelName> allowedModels,
    Map<String, ModelName> aliases,
    Optional<String> objective,
    Optional<String> fairnessId,
    boolean active) {

  public TenantSpec {
    metadata = Map.copyOf(metadata);
    allowedModels = Set.copyOf(allowedModels);
    aliases = Map.copyOf(aliases);
    if (name == null || objective == null || fairnessId == null) {
      throw new IllegalArgumentException("name, objective and fairnessId are required");
    }
  }
}
