package dev.tollgate.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * A create made under a client's idempotency key. {@code scope} names who made it (an actor), so
 * two tenants' keys never meet; {@code fingerprint} is a digest of the request, so a key reused
 * for a different request is refused rather than answered with the wrong object.
 *
 * @param resultId the created object's id; empty while the create is in progress
 */
public record IdempotencyRecord(
    String scope, String key, String fingerprint, Optional<String> resultId, Instant createdAt) {

  public static final int MAX_KEY_LENGTH = 255;

  public IdempotencyRecord {
    if (scope == null || key == null || fingerprint == null || resultId == null
        || createdAt == null) {
      throw new IllegalArgumentException("every field is required");
    }
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("idempotency keys are 1.." + MAX_KEY_LENGTH + " chars");
    }
  }
}
