package dev.tollgate.port.out;

import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.List;
import java.util.Optional;

/** Where virtual keys live, by id and by the hash of their secret. Never holds a secret. */
public interface KeyStore {

  /** Inserts or replaces the key with this id. A hash already used by another key is refused. */
  void save(VirtualKey key);

  Optional<VirtualKey> findByHash(KeyHash hash);

  Optional<VirtualKey> findById(KeyId id);

  /** A tenant's keys ordered by creation time then id; {@code limit} is at most 1000. */
  List<VirtualKey> listByTenant(TenantId tenant, int offset, int limit);
}
