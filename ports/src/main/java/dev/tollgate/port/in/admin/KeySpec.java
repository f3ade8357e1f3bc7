package dev.tollgate.port.in.admin;

import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A key to create: owner, role, alias, models (empty: all its tenant may call), expiry, labels. */
public record KeySpec(
    Owner owner,
    KeyRole role,
    String alias,
    Set<ModelName> allowedModels,
    Optional<Instant> expiresAt,
    Map<String, String> metadata) {

  public KeySpec {
    allowedModels = Set.copyOf(allowedModels);
    metadata = Map.copyOf(metadata);
    if (owner == null || role == null || alias == null || expiresAt == null) {
      throw new IllegalArgumentException("owner, role, alias and expiresAt are required");
    }
  }
}
