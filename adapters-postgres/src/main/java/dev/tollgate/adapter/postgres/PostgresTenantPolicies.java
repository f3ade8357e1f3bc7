package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.CatalogMapper.PolicyRow;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.NearLimitPolicy;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.out.TenantPolicies;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tenant policies in {@code tenant_policies}: one row each, aliases as two parallel arrays, and
 * whether the tenant is active, and its near-limit policy (clamp, demotion).
 */
public final class PostgresTenantPolicies implements TenantPolicies {

  private final Db db;

  PostgresTenantPolicies(Db db) {
    this.db = db;
  }

  @Override
  public void put(TenantPolicy policy) {
    List<String> aliases = policy.aliases().keySet().stream().sorted().toList();
    PolicyRow row =
        new PolicyRow(
            policy.tenant().value(),
            policy.allowedModels().stream().map(ModelName::value).sorted().toArray(String[]::new),
            aliases.toArray(String[]::new),
            aliases.stream().map(a -> policy.aliases().get(a).value()).toArray(String[]::new),
            policy.objective().orElse(null),
            policy.fairnessId().orElse(null),
            policy.active(),
            policy.nearLimit().whenExhausted().name(),
            policy.nearLimit().minOutputTokens(),
            policy.nearLimit().pastSoftBudget().name(),
            policy.nearLimit().demotedObjective(),
            policy.endUserBudgets(),
            policy.trustedUserHeaders(),
            policy.allowedTags().stream().map(Tag::value).sorted().toArray(String[]::new),
            policy.tagBudgets());
    db.read("put tenant policy", tx -> tx.mapper(CatalogMapper.class).putPolicy(row));
  }

  @Override
  public Optional<TenantPolicy> find(TenantId tenant) {
    return Optional.ofNullable(
            db.read("find tenant policy",
                tx -> tx.mapper(CatalogMapper.class).policy(tenant.value())))
        .map(PostgresTenantPolicies::toPolicy);
  }

  private static TenantPolicy toPolicy(PolicyRow row) {
    Map<String, ModelName> aliases = new HashMap<>();
    for (int i = 0; i < row.aliasNames().length; i++) {
      aliases.put(row.aliasNames()[i], ModelName.of(row.aliasModels()[i]));
    }
    return new TenantPolicy(
        TenantId.of(row.tenantId()),
        Set.copyOf(Arrays.stream(row.allowedModels()).map(ModelName::of).toList()),
        aliases,
        Optional.ofNullable(row.objective()),
        Optional.ofNullable(row.fairnessId()),
        row.active(),
        new NearLimitPolicy(
            NearLimitPolicy.WhenExhausted.valueOf(row.whenExhausted()),
            row.minOutputTokens(),
            NearLimitPolicy.PastSoftBudget.valueOf(row.pastSoftBudget()),
            row.demotedObjective()),
        row.endUserBudgets(),
        row.trustedUserHeaders(),
        row.allowedTags() == null ? Set.of()
            : Set.copyOf(Arrays.stream(row.allowedTags()).map(Tag::of).toList()),
        row.tagBudgets());
  }
}
