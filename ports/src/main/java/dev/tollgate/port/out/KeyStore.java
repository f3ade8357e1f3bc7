package dev.tollgate.port.out;

import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.List;
import java.util.Optional;

/** Where virtual keys live, by id and by the hash of their secret. Never holds a secret. */
public interface KeyStore {

  /**
   * Inserts or replaces the key with this id. A hash (current or previous) already used by another
   * key is refused.
   */
  void save(VirtualKey key);

  /**
   * The key whose current hash, or whose previous hash (during a rotation's grace), is this one.
   * Whether a previous hash still opens the key is the caller's question ({@link
   * VirtualKey#acceptsHash}).
   */
  Optional<VirtualKey> findByHash(KeyHash hash);

  Optional<VirtualKey> findById(KeyId id);

  /** Removes the key; false if there was none. Its ledger entries stay. */
  boolean delete(KeyId id);

  int MAX_PAGE = 1000;

  /** A tenant's keys ordered by creation time then id; {@code limit} is at most 1000. */
  default List<VirtualKey> listByTenant(TenantId tenant, int offset, int limit) {
    return listByTenant(tenant, Optional.empty(), offset, limit);
  }

  /** As {@link #listByTenant(TenantId, int, int)}, only one team's keys if {@code team} is given. */
  List<VirtualKey> listByTenant(TenantId tenant, Optional<TeamId> team, int offset, int limit);
}
