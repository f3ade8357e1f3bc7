package dev.tollgate.port.in.admin;

import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.IssuedKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Keys: the secret is returned by create and rotate only, never again. */
public interface ManageKeys {

  /** The longest grace a rotated secret may keep working. */
  Duration MAX_ROTATION_GRACE = Duration.ofDays(30);

  /**
   * Mints a key. Retried with the same idempotency key, it answers {@link CreatedKey.Replayed}
   * (the first create's key, without its secret) instead of minting a second.
   */
  AdminResult<CreatedKey> createKey(Actor actor, KeySpec spec, Optional<String> idempotencyKey);

  AdminResult<VirtualKey> key(Actor actor, KeyId id);

  /**
   * The key a secret's hash opens (its current hash, or its previous one during a rotation's
   * grace): how LiteLLM's management API names a key, by its secret or its stored hash.
   */
  AdminResult<VirtualKey> keyByHash(Actor actor, KeyHash hash);

  /** A tenant's keys (optionally one team's), by creation time then id. */
  AdminResult<List<VirtualKey>> keys(
      Actor actor, TenantId tenant, Optional<TeamId> team, int offset, int limit);

  /** As above, only the keys the filter matches now (alias or id text, state). */
  AdminResult<List<VirtualKey>> keys(Actor actor, TenantId tenant, Optional<TeamId> team,
      dev.tollgate.domain.key.KeyFilter filter, int offset, int limit);

  AdminResult<VirtualKey> updateKey(Actor actor, KeyId id, KeyChanges changes);

  /** A new secret; the old one keeps working for {@code grace} (zero: stops now). */
  AdminResult<IssuedKey> rotateKey(Actor actor, KeyId id, Duration grace);

  AdminResult<VirtualKey> deleteKey(Actor actor, KeyId id);

  /** A create's answer: a new key with its secret, or the key an earlier identical create made. */
  sealed interface CreatedKey {
    VirtualKey key();

    record Minted(IssuedKey issued) implements CreatedKey {
      @Override
      public VirtualKey key() {
        return issued.key();
      }
    }

    record Replayed(VirtualKey key) implements CreatedKey {}
  }
}
