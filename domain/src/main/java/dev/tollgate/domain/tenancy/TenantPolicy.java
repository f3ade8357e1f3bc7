package dev.tollgate.domain.tenancy;

import dev.tollgate.domain.pricing.ModelName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one tenant may use the platform: the models it may call (empty: every served model), its
 * own aliases for them, and the priority (inference objective) and fairness id the data plane's
 * endpoint picker receives for its requests. These are the tenant's, never the client's: headers
 * a client sends for them are stripped. A deactivated tenant's keys are refused. Its
 * {@link NearLimitPolicy} says whether a request a budget cannot fully cover is refused or
 * shortened, and whether requests past a soft budget are demoted. {@code endUserBudgets} says
 * whether the tenant has ever set a budget or limit on an end user: only then does a request naming
 * {@code user} count against its end-user scope (and pay that scope's first-sight read).
 * {@code trustedUserHeaders} says whether a user header a trusted front end sets (Open WebUI's
 * {@code X-OpenWebUI-User-Id}) names the end user; off, such headers are ignored.
 * {@code allowedTags} are the request tags its keys may send (empty: any tag); {@code tagBudgets}
 * says whether the tenant has ever set a budget or limit on a tag: only then does a tagged request
 * count against its tags' scopes (and pay each one's first-sight read), as for end users.
 */
public record TenantPolicy(
    TenantId tenant,
    Set<ModelName> allowedModels,
    Map<String, ModelName> aliases,
    Optional<String> objective,
    Optional<String> fairnessId,
    boolean active,
    NearLimitPolicy nearLimit,
    boolean endUserBudgets,
    boolean trustedUserHeaders,
    Set<Tag> allowedTags,
    boolean tagBudgets) {

  public static final int MAX_ALIASES = 256;

  /** At most this many tags may be listed as allowed. */
  public static final int MAX_ALLOWED_TAGS = 1_000;

  public TenantPolicy {
    if (tenant == null || objective == null || fairnessId == null || nearLimit == null) {
      throw new IllegalArgumentException("tenant, objective, fairnessId and nearLimit are required");
    }
    allowedModels = Set.copyOf(allowedModels);
    aliases = Map.copyOf(aliases);
    if (aliases.size() > MAX_ALIASES) {
      throw new IllegalArgumentException("at most " + MAX_ALIASES + " aliases");
    }
    allowedTags = Set.copyOf(allowedTags);
    if (allowedTags.size() > MAX_ALLOWED_TAGS) {
      throw new IllegalArgumentException("at most " + MAX_ALLOWED_TAGS + " allowed tags");
    }
  }

  /** A policy that allows any tag and has no tag budgets. */
  public TenantPolicy(
      TenantId tenant,
      Set<ModelName> allowedModels,
      Map<String, ModelName> aliases,
      Optional<String> objective,
      Optional<String> fairnessId,
      boolean active,
      NearLimitPolicy nearLimit,
      boolean endUserBudgets,
      boolean trustedUserHeaders) {
    this(tenant, allowedModels, aliases, objective, fairnessId, active, nearLimit, endUserBudgets,
        trustedUserHeaders, Set.of(), false);
  }

  /** A policy that does not trust user headers. */
  public TenantPolicy(
      TenantId tenant,
      Set<ModelName> allowedModels,
      Map<String, ModelName> aliases,
      Optional<String> objective,
      Optional<String> fairnessId,
      boolean active,
      NearLimitPolicy nearLimit,
      boolean endUserBudgets) {
    this(tenant, allowedModels, aliases, objective, fairnessId, active, nearLimit, endUserBudgets,
        false);
  }

  /** A policy whose tenant has no end-user budgets. */
  public TenantPolicy(
      TenantId tenant,
      Set<ModelName> allowedModels,
      Map<String, ModelName> aliases,
      Optional<String> objective,
      Optional<String> fairnessId,
      boolean active,
      NearLimitPolicy nearLimit) {
    this(tenant, allowedModels, aliases, objective, fairnessId, active, nearLimit, false);
  }

  /** A policy that refuses at the limit and never demotes ({@link NearLimitPolicy#DEFAULT}). */
  public TenantPolicy(
      TenantId tenant,
      Set<ModelName> allowedModels,
      Map<String, ModelName> aliases,
      Optional<String> objective,
      Optional<String> fairnessId,
      boolean active) {
    this(tenant, allowedModels, aliases, objective, fairnessId, active, NearLimitPolicy.DEFAULT);
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
    return new TenantPolicy(
        tenant, allowedModels, aliases, objective, fairnessId, isActive, nearLimit, endUserBudgets,
        trustedUserHeaders, allowedTags, tagBudgets);
  }

  /** This policy with end-user budgets on or off (set on when one is first created). */
  public TenantPolicy withEndUserBudgets(boolean uses) {
    return new TenantPolicy(
        tenant, allowedModels, aliases, objective, fairnessId, active, nearLimit, uses,
        trustedUserHeaders, allowedTags, tagBudgets);
  }

  public TenantPolicy withNearLimit(NearLimitPolicy policy) {
    return new TenantPolicy(
        tenant, allowedModels, aliases, objective, fairnessId, active, policy, endUserBudgets,
        trustedUserHeaders, allowedTags, tagBudgets);
  }

  /** This policy trusting (or not) user headers a front end sets. */
  public TenantPolicy withTrustedUserHeaders(boolean trusts) {
    return new TenantPolicy(
        tenant, allowedModels, aliases, objective, fairnessId, active, nearLimit, endUserBudgets,
        trusts, allowedTags, tagBudgets);
  }

  /** This policy allowing only {@code tags} (any tag, when empty). */
  public TenantPolicy withAllowedTags(Set<Tag> tags) {
    return new TenantPolicy(
        tenant, allowedModels, aliases, objective, fairnessId, active, nearLimit, endUserBudgets,
        trustedUserHeaders, tags, tagBudgets);
  }

  /** This policy with tag budgets on or off (set on when one is first created). */
  public TenantPolicy withTagBudgets(boolean uses) {
    return new TenantPolicy(
        tenant, allowedModels, aliases, objective, fairnessId, active, nearLimit, endUserBudgets,
        trustedUserHeaders, allowedTags, uses);
  }

  /** Whether a request may carry {@code tag}: any tag when none is listed. */
  public boolean allowsTag(Tag tag) {
    return allowedTags.isEmpty() || allowedTags.contains(tag);
  }

  /** No restrictions, no aliases; fairness by tenant id. */
  public static TenantPolicy open(TenantId tenant) {
    return new TenantPolicy(
        tenant, Set.of(), Map.of(), Optional.empty(), Optional.of(tenant.value()));
  }

  /** The objective the data plane gets: the policy's sheddable one when demoted, else the tenant's. */
  public Optional<String> objectiveFor(boolean demoted) {
    return demoted ? Optional.of(nearLimit.demotedObjective()) : objective;
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
