package dev.tollgate.port.in;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A key to mint for an owner, with the models it may call (empty: all) and an optional expiry. */
public record IssueKeyCommand(
    Owner owner, String alias, Set<ModelName> allowedModels, Optional<Instant> expiresAt) {

  public IssueKeyCommand {
    allowedModels = Set.copyOf(allowedModels);
    if (owner == null || alias == null || expiresAt == null) {
      throw new IllegalArgumentException("owner, alias and expiresAt are required");
    }
  }

  public static IssueKeyCommand forOwner(Owner owner, String alias) {
    return new IssueKeyCommand(owner, alias, Set.of(), Optional.empty());
  }
}
