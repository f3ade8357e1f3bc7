package dev.tollgate.adapter.memory;

import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.DuplicateAliasException;
import dev.tollgate.port.out.KeyStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys by id, by hash (current, and previous during a rotation's grace) and by tenant and alias.
 * Reads are lock-free; saves and deletes are serialized to keep hashes and aliases unique.
 */
public final class InMemoryKeyStore implements KeyStore {

  private final Map<KeyId, VirtualKey> byId = new ConcurrentHashMap<>();
  private final Map<KeyHash, VirtualKey> byHash = new ConcurrentHashMap<>();
  private final Map<Alias, KeyId> byAlias = new ConcurrentHashMap<>();

  /** A named key's place in its tenant; an empty alias names nothing. */
  private record Alias(TenantId tenant, String alias) {
    static Optional<Alias> of(VirtualKey key) {
      return key.alias().isEmpty() ? Optional.empty()
          : Optional.of(new Alias(key.owner().tenant(), key.alias()));
    }
  }

  @Override
  public synchronized void save(VirtualKey key) {
    for (KeyHash hash : hashesOf(key)) {
      VirtualKey sameHash = byHash.get(hash);
      if (sameHash != null && !sameHash.id().equals(key.id())) {
        throw new IllegalArgumentException("another key already has this hash");
      }
    }
    Optional<Alias> alias = Alias.of(key);
    if (alias.isPresent()) {
      KeyId named = byAlias.get(alias.get());
      if (named != null && !named.equals(key.id())) {
        throw new DuplicateAliasException(key.alias(), null);
      }
    }
    VirtualKey previous = byId.put(key.id(), key);
    if (previous != null) {
      hashesOf(previous).forEach(byHash::remove);
      Alias.of(previous).ifPresent(byAlias::remove);
    }
    hashesOf(key).forEach(h -> byHash.put(h, key));
    alias.ifPresent(a -> byAlias.put(a, key.id()));
  }

  @Override
  public synchronized boolean delete(KeyId id) {
    VirtualKey removed = byId.remove(id);
    if (removed == null) {
      return false;
    }
    hashesOf(removed).forEach(byHash::remove);
    Alias.of(removed).ifPresent(byAlias::remove);
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
  public Optional<VirtualKey> findByAlias(TenantId tenant, String alias) {
    return Optional.ofNullable(byAlias.get(new Alias(tenant, alias))).map(byId::get);
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
