package dev.tollgate.domain.ledger;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * Which ledger entries to read: those whose request started in [from, to), narrowed by any of
 * tenant, team, key, model and end user. An empty tenant means every tenant (platform
 * administrators only).
 */
public record SpendQuery(
    Optional<TenantId> tenant,
    Optional<TeamId> team,
    Optional<KeyId> key,
    Optional<ModelName> model,
    Optional<EndUserId> endUser,
    Instant from,
    Instant to) {

  public SpendQuery {
    if (tenant == null || team == null || key == null || model == null || endUser == null) {
      throw new IllegalArgumentException("filters may be empty but not null");
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
  }

  /** A query without an end-user filter. */
  public SpendQuery(Optional<TenantId> tenant, Optional<TeamId> team, Optional<KeyId> key,
      Optional<ModelName> model, Instant from, Instant to) {
    this(tenant, team, key, model, Optional.empty(), from, to);
  }

  /** This query narrowed to one end user (or not, when empty). */
  public SpendQuery withEndUser(Optional<EndUserId> user) {
    return new SpendQuery(tenant, team, key, model, user, from, to);
  }

  public static SpendQuery forTenant(TenantId tenant, Instant from, Instant to) {
    return new SpendQuery(
        Optional.of(tenant), Optional.empty(), Optional.empty(), Optional.empty(), from, to);
  }

  public static SpendQuery forKey(TenantId tenant, KeyId key, Instant from, Instant to) {
    return new SpendQuery(
        Optional.of(tenant), Optional.empty(), Optional.of(key), Optional.empty(), from, to);
  }
}
