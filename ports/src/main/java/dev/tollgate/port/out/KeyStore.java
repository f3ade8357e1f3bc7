package dev.tollgate.port.out;

import dev.tollgate.domain.key.KeyFilter;
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
   * key is refused ({@code IllegalArgumentException}); a non-empty alias another key of the same
   * tenant has is refused with {@link DuplicateAliasException}. A refused save changes nothing.
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

  /** The most keys {@link #listMatching}'s default reads through, page by page. */
  int MAX_FILTER_SCAN = 100 * MAX_PAGE;

  /**
   * As {@link #listByTenant(TenantId, Optional, int, int)}, only the keys {@code filter} matches
   * at {@code now}, {@code offset} counted among those. This default pages through the tenant's
   * keys (at most {@link #MAX_FILTER_SCAN}); stores with a query language answer it directly.
   */
  default List<VirtualKey> listMatching(TenantId tenant, Optional<TeamId> team, KeyFilter filter,
      java.time.Instant now, int offset, int limit) {
    if (filter.isNone()) {
      return listByTenant(tenant, team, offset, limit);
    }
    List<VirtualKey> out = new java.util.ArrayList<>();
    int skipped = 0;
    for (int at = 0; at < MAX_FILTER_SCAN && out.size() < limit; at += MAX_PAGE) {
      List<VirtualKey> page = listByTenant(tenant, team, at, MAX_PAGE);
      for (VirtualKey k : page) {
        if (out.size() < limit && filter.matches(k, now) && skipped++ >= offset) {
          out.add(k);
        }
      }
      if (page.size() < MAX_PAGE) {
        break;
      }
    }
    return out;
  }

  /** The most keys {@link #findByAlias}'s default reads through, page by page. */
  int MAX_ALIAS_SCAN = 100 * MAX_PAGE;

  /**
   * The tenant's key with this non-empty alias (aliases are unique per tenant). This default
   * pages through the tenant's keys; stores with an index answer it directly.
   */
  default Optional<VirtualKey> findByAlias(TenantId tenant, String alias) {
    if (alias.isEmpty()) {
      return Optional.empty();
    }
    for (int offset = 0; offset < MAX_ALIAS_SCAN; offset += MAX_PAGE) {
      List<VirtualKey> page = listByTenant(tenant, offset, MAX_PAGE);
      Optional<VirtualKey> match = page.stream().filter(k -> k.alias().equals(alias)).findFirst();
      if (match.isPresent() || page.size() < MAX_PAGE) {
        return match;
      }
    }
    return Optional.empty();
  }

  /** A tenant's keys ordered by creation time then id; {@code limit} is at most 1000. */
  default List<VirtualKey> listByTenant(TenantId tenant, int offset, int limit) {
    return listByTenant(tenant, Optional.empty(), offset, limit);
  }

  /** As {@link #listByTenant(TenantId, int, int)}, only one team's keys if {@code team} is given. */
  List<VirtualKey> listByTenant(TenantId tenant, Optional<TeamId> team, int offset, int limit);
}
