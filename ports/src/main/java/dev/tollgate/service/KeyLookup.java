package dev.tollgate.service;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.port.out.KeyStore;
import java.time.Instant;
import java.util.Optional;

/**
 * The one way a presented key becomes a stored key: checksum first, then a lookup by hash, then
 * the rotation grace (a previous secret opens the key only until its grace ends) and the role.
 */
final class KeyLookup {

  private KeyLookup() {}

  /** A known key, or why the presented string is not one. */
  sealed interface Result {}

  record Found(VirtualKey key) implements Result {}

  record Refused(Denied denial) implements Result {}

  static Result find(KeyStore keys, String presented, Instant now) {
    return find(keys, presented, now, KeyRole.INFERENCE);
  }

  static Result find(KeyStore keys, String presented, Instant now, KeyRole role) {
    return switch (KeyFormat.parse(presented)) {
      case KeyFormat.Malformed m ->
          new Refused(Denied.of(DenialReason.MALFORMED_KEY, "Invalid API key: " + m.why() + "."));
      case KeyFormat.Wellformed w -> find(keys, w.secret().hash(), now, role);
    };
  }

  /** As above from a key's hash (a console session holds the hash of the key that signed in). */
  static Result find(KeyStore keys, KeyHash hash, Instant now, KeyRole role) {
    Optional<VirtualKey> found = keys.findByHash(hash).filter(k -> k.acceptsHash(hash, now));
    if (found.isEmpty()) {
      return new Refused(Denied.of(DenialReason.UNKNOWN_KEY, "Incorrect API key provided."));
    }
    if (found.get().role() != role) {
      return new Refused(Denied.of(DenialReason.WRONG_KEY_ROLE, role == KeyRole.INFERENCE
          ? "This is a tenant admin key; it manages keys but cannot call the model API."
          : "This key can call the model API but not the admin API."));
    }
    return new Found(found.get());
  }
}
