package dev.tollgate.port.in;

import dev.tollgate.domain.key.KeyId;

/** Blocks a key so every later request with it is refused. */
public interface RevokeKey {

  /** The outcome as a value: revoked now, already revoked, or no such key. */
  enum Result {
    REVOKED,
    ALREADY_REVOKED,
    NOT_FOUND
  }

  Result revoke(KeyId key);
}
