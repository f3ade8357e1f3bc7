package dev.tollgate.domain.key;

import dev.tollgate.domain.budget.SessionBudget;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Metadata;
import dev.tollgate.domain.tenancy.Owner;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A virtual key as stored: never the secret, only its hash and a masked hint.
 *
 * @param allowedModels the models this key may call; empty means every model its tenant may call
 * @param expiresAt after this instant the key is refused
 * @param blocked a blocked key is refused until unblocked
 * @param role what the key may do
 * @param metadata the owner's labels (bounded by {@link Metadata})
 * @param previous the previous secret's hash during a rotation's grace period
 * @param legacyFormat the key was imported (from LiteLLM) with a secret that has no Tollgate
 *     checksum: only such a key may be opened by a secret in {@link LegacyKeyFormat}
 * @param sessionBudget what each client session of this key may spend (empty: no session budget)
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
    Instant createdAt,
    KeyRole role,
    Map<String, String> metadata,
    Optional<RetiredHash> previous,
    boolean legacyFormat,
    Optional<SessionBudget> sessionBudget) {

  public static final int MAX_ALIAS_LENGTH = 128;

  public VirtualKey {
    if (id == null || hash == null || owner == null || hint == null || createdAt == null
        || role == null || previous == null || expiresAt == null || sessionBudget == null) {
      throw new IllegalArgumentException(
          "id, hash, owner, hint, expiresAt, createdAt, role and previous are required");
    }
    if (alias == null || alias.length() > MAX_ALIAS_LENGTH) {
      throw new IllegalArgumentException("alias must be at most " + MAX_ALIAS_LENGTH + " chars");
    }
    allowedModels = Set.copyOf(allowedModels);
    metadata = Metadata.checked(metadata);
    if (previous.isPresent() && previous.get().hash().equals(hash)) {
      throw new IllegalArgumentException("the previous hash must differ from the current one");
    }
  }

  /** A key without a session budget. */
  public VirtualKey(
      KeyId id,
      KeyHash hash,
      Owner owner,
      String alias,
      String hint,
      Set<ModelName> allowedModels,
      Optional<Instant> expiresAt,
      boolean blocked,
      Instant createdAt,
      KeyRole role,
      Map<String, String> metadata,
      Optional<RetiredHash> previous,
      boolean legacyFormat) {
    this(id, hash, owner, alias, hint, allowedModels, expiresAt, blocked, createdAt, role,
        metadata, previous, legacyFormat, Optional.empty());
  }

  /** A key issued by Tollgate (its secrets are all in {@link KeyFormat}). */
  public VirtualKey(
      KeyId id,
      KeyHash hash,
      Owner owner,
      String alias,
      String hint,
      Set<ModelName> allowedModels,
      Optional<Instant> expiresAt,
      boolean blocked,
      Instant createdAt,
      KeyRole role,
      Map<String, String> metadata,
      Optional<RetiredHash> previous) {
    this(id, hash, owner, alias, hint, allowedModels, expiresAt, blocked, createdAt, role,
        metadata, previous, false);
  }

  /** An inference key without metadata or rotation history. */
  public VirtualKey(
      KeyId id,
      KeyHash hash,
      Owner owner,
      String alias,
      String hint,
      Set<ModelName> allowedModels,
      Optional<Instant> expiresAt,
      boolean blocked,
      Instant createdAt) {
    this(id, hash, owner, alias, hint, allowedModels, expiresAt, blocked, createdAt,
        KeyRole.INFERENCE, Map.of(), Optional.empty());
  }

  /** Whether {@code presented} opens this key at {@code now}: its hash, or the previous one in grace. */
  public boolean acceptsHash(KeyHash presented, Instant now) {
    if (hash.equals(presented)) {
      return true;
    }
    return previous.filter(p -> p.hash().equals(presented) && p.acceptsAt(now)).isPresent();
  }

  public boolean isExpiredAt(Instant now) {
    return expiresAt.map(e -> !now.isBefore(e)).orElse(false);
  }

  public boolean allows(ModelName model) {
    return allowedModels.isEmpty() || allowedModels.contains(model);
  }

  public VirtualKey withBlocked(boolean isBlocked) {
    return new VirtualKey(id, hash, owner, alias, hint, allowedModels, expiresAt, isBlocked,
        createdAt, role, metadata, previous, legacyFormat, sessionBudget);
  }

  /** The same key with its per-session budget set (or removed, when empty). */
  public VirtualKey withSessionBudget(Optional<SessionBudget> budget) {
    return new VirtualKey(id, hash, owner, alias, hint, allowedModels, expiresAt, blocked,
        createdAt, role, metadata, previous, legacyFormat, budget);
  }

  /** The same key with owner-editable attributes replaced. */
  public VirtualKey withAttributes(
      String newAlias, Set<ModelName> models, Optional<Instant> expiry, Map<String, String> labels) {
    return new VirtualKey(id, hash, owner, newAlias, hint, models, expiry, blocked, createdAt,
        role, labels, previous, legacyFormat, sessionBudget);
  }

  /**
   * A new secret; the current one stays accepted until {@code graceUntil} (none if not after now).
   * An imported key keeps its legacy flag, so its LiteLLM secret still opens it during the grace;
   * the new secret is a Tollgate one, which never needed the flag.
   */
  public VirtualKey rotatedTo(KeyHash newHash, String newHint, Instant graceUntil, Instant now) {
    Optional<RetiredHash> retired = graceUntil.isAfter(now)
        ? Optional.of(new RetiredHash(hash, graceUntil)) : Optional.empty();
    return new VirtualKey(id, newHash, owner, alias, newHint, allowedModels, expiresAt, blocked,
        createdAt, role, metadata, retired, legacyFormat, sessionBudget);
  }
}
