package dev.tollgate.service;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.key.ApiKeySecret;
import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.key.LegacyKeyFormat;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.port.out.KeyStore;
import java.time.Instant;
import java.util.Optional;

/**
 * The one way a presented key becomes a stored key: checksum first, then a lookup by hash, then
 * the rotation grace (a previous secret opens the key only until its grace ends) and the role.
 * A string without Tollgate's checksum is looked up only if it has the legacy (LiteLLM) shape, and
 * then opens only a key imported with that flag: it can never open a key Tollgate issued.
 * A string is parsed here once; a secret parsed earlier is looked up without parsing or hashing
 * again ({@link ApiKeySecret#hash()} remembers its hash).
 */
final class KeyLookup {

  private KeyLookup() {}

  /** A known key, or why the presented string is not one. */
  sealed interface Result {}

  /** The stored key, and the parsed secret that opened it (none when found by a stored hash). */
  record Found(VirtualKey key, Optional<ApiKeySecret> secret) implements Result {}

  record Refused(Denied denial) implements Result {}

  static Result find(KeyStore keys, String presented, Instant now) {
    return find(keys, presented, now, KeyRole.INFERENCE);
  }

  static Result find(KeyStore keys, String presented, Instant now, KeyRole role) {
    return switch (KeyFormat.parse(presented)) {
      case KeyFormat.Malformed m -> LegacyKeyFormat.parse(presented)
          .map(legacy -> find(keys, legacy, now, role))
          .orElseGet(() -> new Refused(
              Denied.of(DenialReason.MALFORMED_KEY, "Invalid API key: " + m.why() + ".")));
      case KeyFormat.Wellformed w -> find(keys, w.secret(), now, role);
    };
  }

  /**
   * A secret parsed earlier. One not in Tollgate's format got here through the legacy shape, and
   * opens only a key imported with that flag.
   */
  static Result find(KeyStore keys, ApiKeySecret secret, Instant now, KeyRole role) {
    boolean legacy = !secret.reveal().startsWith(KeyFormat.PREFIX);
    return byHash(keys, secret.hash(), legacy, now, role, Optional.of(secret));
  }

  /** As above from a key's hash (a console session holds the hash of the key that signed in). */
  static Result find(KeyStore keys, KeyHash hash, Instant now, KeyRole role) {
    return byHash(keys, hash, false, now, role, Optional.empty());
  }

  private static Result byHash(KeyStore keys, KeyHash hash, boolean legacy, Instant now,
      KeyRole role, Optional<ApiKeySecret> secret) {
    Optional<VirtualKey> found = keys.findByHash(hash)
        .filter(k -> k.acceptsHash(hash, now))
        .filter(k -> !legacy || k.legacyFormat());
    if (found.isEmpty()) {
      return new Refused(Denied.of(DenialReason.UNKNOWN_KEY, "Incorrect API key provided."));
    }
    if (found.get().role() != role) {
      return new Refused(Denied.of(DenialReason.WRONG_KEY_ROLE, role == KeyRole.INFERENCE
          ? "This is a tenant admin key; it manages keys but cannot call the model API."
          : "This key can call the model API but not the admin API."));
    }
    return new Found(found.get(), secret);
  }
}
