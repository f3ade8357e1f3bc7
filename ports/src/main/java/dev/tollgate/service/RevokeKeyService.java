package dev.tollgate.service;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.port.in.RevokeKey;
import dev.tollgate.port.out.KeyStore;
import java.util.Optional;

/** Blocks a key; the record stays so its spend history keeps its owner. */
public final class RevokeKeyService implements RevokeKey {

  private final KeyStore keys;

  public RevokeKeyService(KeyStore keys) {
    this.keys = keys;
  }

  @Override
  public Result revoke(KeyId id) {
    Optional<VirtualKey> key = keys.findById(id);
    if (key.isEmpty()) {
      return Result.NOT_FOUND;
    }
    if (key.get().blocked()) {
      return Result.ALREADY_REVOKED;
    }
    keys.save(key.get().withBlocked(true));
    return Result.REVOKED;
  }
}
