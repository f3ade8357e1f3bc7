package dev.tollgate.port.in.admin;

import dev.tollgate.domain.pricing.ModelName;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What an update changes on a key; an empty field is left as it is. */
public record KeyChanges(
    Optional<String> alias,
    Optional<Set<ModelName>> allowedModels,
    Optional<Optional<Instant>> expiresAt,
    Optional<Map<String, String>> metadata,
    Optional<Boolean> blocked) {

  public KeyChanges {
    if (alias == null || allowedModels == null || expiresAt == null || metadata == null
        || blocked == null) {
      throw new IllegalArgumentException("fields may be empty but not null");
    }
  }

  public static KeyChanges blocked(boolean isBlocked) {
    return new KeyChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(isBlocked));
  }
}
