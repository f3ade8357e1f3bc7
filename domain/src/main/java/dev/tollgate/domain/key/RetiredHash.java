package dev.tollgate.domain.key;

import java.time.Instant;

/** The hash of a key's previous secret after a rotation, accepted until {@code validUntil}. */
public record RetiredHash(KeyHash hash, Instant validUntil) {

  public RetiredHash {
    if (hash == null || validUntil == null) {
      throw new IllegalArgumentException("hash and validUntil are required");
    }
  }

  public boolean acceptsAt(Instant now) {
    return now.isBefore(validUntil);
  }
}
