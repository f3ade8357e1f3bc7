package dev.tollgate.port.out;

import java.time.Instant;
import java.util.Optional;

/** Idempotency keys of creates, so a retried create answers the first one instead of a second. */
public interface IdempotencyStore {

  /**
   * Claims {@code pending.scope()/pending.key()} atomically: empty if this call claimed it (go on
   * and create), else the record already there (in progress, or completed with its result).
   */
  Optional<IdempotencyRecord> claim(IdempotencyRecord pending);

  /** Records the created object's id on a claimed key. */
  void complete(String scope, String key, String resultId);

  /** Gives a claimed key back after a failed create, so a retry may create. */
  void release(String scope, String key);

  /** Forgets records created before {@code cutoff}; returns how many. */
  int expire(Instant cutoff);
}
