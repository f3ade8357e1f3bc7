package dev.tollgate.adapter.memory;

import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.KeyStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keys by id and by hash. Reads are lock-free; saves are serialized to keep hashes unique. */
public final class InMemoryKeyStore implements KeyStore {

  private static final int MAX_PAGE = 1000;

  private final Map<KeyId, VirtualKey> byId = new ConcurrentHashMap<>();
  private final Map<KeyHash, VirtualKey> byHash = new ConcurrentHashMap<>();

  @Override
  public synchronized void save(VirtualKey key) {
    VirtualKey sameHash = byHash.get(key.hash());
    if (sameHash != null && !sameHash.id().equals(key.id())) {
      throw new IllegalArgumentException("another key already has this hash");
    }
    VirtualKey previous = byId.put(key.id(), key);
    if (previous != null && !previous.hash().equals(key.hash())) {
      byHash.remove(previous.hash());
    }
    byHash.put(key.hash(), key);
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
  public List<VirtualKey> listByTenant(TenantId tenant, int offset, int limit) {
    if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("offset >= 0 and limit 0.." + MAX_PAGE);
    }
    return byId.values().stream()
        .filter(k -> k.owner().tenant().equals(tenant))
        .sorted(Comparator.comparing(VirtualKey::createdAt).thenComparing(k -> k.id().value()))
        .skip(offset)
        .limit(limit)
        .toList();
  }
}
