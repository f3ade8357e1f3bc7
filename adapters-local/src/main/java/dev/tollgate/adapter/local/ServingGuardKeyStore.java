package dev.tollgate.adapter.local;

import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.KeyStore;
import java.util.List;
import java.util.Optional;

/**
 * The first store admission asks (the key), so the place to refuse every request while the
 * database is down and {@code allow-requests-on-db-unavailable} is off: before any slot, window or
 * budget is counted, nothing has to be given back.
 */
public final class ServingGuardKeyStore implements KeyStore {

  private final KeyStore keys;
  private final StoreHealth health;

  public ServingGuardKeyStore(KeyStore keys, StoreHealth health) {
    this.keys = keys;
    this.health = health;
  }

  @Override
  public Optional<VirtualKey> findByHash(KeyHash hash) {
    health.requireServing();
    return keys.findByHash(hash);
  }

  @Override
  public void save(VirtualKey key) {
    keys.save(key);
  }

  @Override
  public Optional<VirtualKey> findById(KeyId id) {
    return keys.findById(id);
  }

  @Override
  public Optional<VirtualKey> findByAlias(TenantId tenant, String alias) {
    return keys.findByAlias(tenant, alias);
  }

  @Override
  public boolean delete(KeyId id) {
    return keys.delete(id);
  }

  @Override
  public List<VirtualKey> listByTenant(
      TenantId tenant, Optional<TeamId> team, int offset, int limit) {
    return keys.listByTenant(tenant, team, offset, limit);
  }

  @Override
  public List<VirtualKey> listMatching(TenantId tenant, Optional<TeamId> team,
      dev.tollgate.domain.key.KeyFilter filter, java.time.Instant now, int offset, int limit) {
    return keys.listMatching(tenant, team, filter, now, offset, limit);
  }
}
