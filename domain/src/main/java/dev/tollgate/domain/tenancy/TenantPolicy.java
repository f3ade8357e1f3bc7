package dev.tollgate.domain.tenancy;

import dev.tollgate.domain.pricing.ModelName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one tenant may use the platform: the models it may call (empty: every served model), its
 * own aliases for them, and the priority (inference objective) and fairness id the data plane's
 * endpoint picker receives for its requests. These are the tenant's, never the client's: headers
 * a client sends for them are stripped. A deactivated tenant's keys are refused.
 */
public record TenantPolicy(
    TenantId tenant,
    Set<ModelName> allowedModels,
    Map<String, ModelName> aliases,
    Optional<String> objective,
    Optional<String> fairnessId,
    boolean active) {

  public static final int MAX_ALIASES = 256;

  public TenantPolicy {
    if (tenant == null || objective == null || fairnessId == null) {
      throw new IllegalArgumentException("tenant, objective and fairnessId are required");
    }
    allowedModels = Set.copyOf(allowedModels);
    aliases = Map.copyOf(aliases);
    if (aliases.size() > MAX_ALIASES) {
      throw new IllegalArgumentException("at most " + MAX_ALIASES + " aliases");
    }
  }

  /** An active tenant's policy. */
  public TenantPolicy(
      TenantId tenant,
      Set<ModelName> allowedModels,
      Map<String, ModelName> aliases,
      Optional<String> objective,
      Optional<String> fairnessId) {
    this(tenant, allowedModels, aliases, objective, fairnessId, true);
  }

  public TenantPolicy withActive(boolean isActive) {
    return new TenantPolicy(tenant, allowedModels, aliases, objective, fairnessId, isActive);
  }

  /** No restrictions, no aliases; fairness by tenant id. */
  public static TenantPolicy open(TenantId tenant) {
    return new TenantPolicy(
        tenant, Set.of(), Map.of(), Optional.empty(), Optional.of(tenant.value()));
  }

  /** The model a requested name means for this tenant: its alias target, or the name itself. */
  public ModelName resolve(String requested) {
    ModelName aliased = aliases.get(requested);
    return aliased != null ? aliased : ModelName.of(requested);
  }

  public boolean allows(ModelName model) {
    return allowedModels.isEmpty() || allowedModels.contains(model);
  }
}
