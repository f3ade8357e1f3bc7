package dev.tollgate.adapter.memory;

import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.KeyStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys by id and by hash (current, and previous during a rotation's grace). Reads are lock-free;
 * saves and deletes are serialized to keep hashes unique.
 */
public final class InMemoryKeyStore implements KeyStore {

  private final Map<KeyId, VirtualKey> byId = new ConcurrentHashMap<>();
  private final Map<KeyHash, VirtualKey> byHash = new ConcurrentHashMap<>();

  @Override
  public synchronized void save(VirtualKey key) {
    for (KeyHash hash : hashesOf(key)) {
      VirtualKey sameHash = byHash.get(hash);
      if (sameHash != null && !sameHash.id().equals(key.id())) {
        throw new IllegalArgumentException("another key already has this hash");
      }
    }
    VirtualKey previous = byId.put(key.id(), key);
    if (previous != null) {
      hashesOf(previous).forEach(byHash::remove);
    }
    hashesOf(key).forEach(h -> byHash.put(h, key));
  }

  @Override
  public synchronized boolean delete(KeyId id) {
    VirtualKey removed = byId.remove(id);
    if (removed == null) {
      return false;
    }
    hashesOf(removed).forEach(byHash::remove);
    return true;
  }

  private static List<KeyHash> hashesOf(VirtualKey key) {
    return key.previous().map(p -> List.of(key.hash(), p.hash())).orElse(List.of(key.hash()));
  }

  @Override
  public Optional<VirtualKey> findByHash(KeyHash hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  @Override
  public Optional<VirtualKey> findById(KeyId id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public List<VirtualKey> listByTenant(
      TenantId tenant, Optional<TeamId> team, int offset, int limit) {
    if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("offset >= 0 and limit 0.." + MAX_PAGE);
    }
    return byId.values().stream()
        .filter(k -> k.owner().tenant().equals(tenant))
        .filter(k -> team.isEmpty() || k.owner().team().equals(team))
        .sorted(Comparator.comparing(VirtualKey::createdAt).thenComparing(k -> k.id().value()))
        .skip(offset)
        .limit(limit)
        .toList();
  }
}
