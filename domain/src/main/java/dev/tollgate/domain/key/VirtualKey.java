package dev.tollgate.domain.key;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A virtual key as stored: never the secret, only its hash and a masked hint.
 *
 * @param allowedModels the models this key may call; empty means every model its tenant may call
 * @param expiresAt after this instant the key is refused
 * @param blocked a blocked key is refused until unblocked
 */
public record VirtualKey(
    KeyId id,
    KeyHash hash,
    Owner owner,
    String alias,
    String hint,
    Set<ModelName> allowedModels,
    Optional<Instant> expiresAt,
    boolean blocked,
    Instant createdAt) {

  public static final int MAX_ALIAS_LENGTH = 128;

  public VirtualKey {
    if (id == null || hash == null || owner == null || hint == null || createdAt == null) {
      throw new IllegalArgumentException("id, hash, owner, hint and createdAt are required");
    }
    if (alias == null || alias.length() > MAX_ALIAS_LENGTH) {
      throw new IllegalArgumentException("alias must be at most " + MAX_ALIAS_LENGTH + " chars");
    }
    allowedModels = Set.copyOf(allowedModels);
  }

  public boolean isExpiredAt(Instant now) {
    return expiresAt.map(e -> !now.isBefore(e)).orElse(false);
  }

  public boolean allows(ModelName model) {
    return allowedModels.isEmpty() || allowedModels.contains(model);
  }

  public VirtualKey withBlocked(boolean isBlocked) {
    return new VirtualKey(
        id, hash, owner, alias, hint, allowedModels, expiresAt, isBlocked, createdAt);
  }
}
