package dev.tollgate.service;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.port.out.KeyStore;
import java.util.Optional;

/** The one way a presented key becomes a stored key: checksum first, then a lookup by hash. */
final class KeyLookup {

  private KeyLookup() {}

  /** A known key, or why the presented string is not one. */
  sealed interface Result {}

  record Found(VirtualKey key) implements Result {}

  record Refused(Denied denial) implements Result {}

  static Result find(KeyStore keys, String presented) {
    return switch (KeyFormat.parse(presented)) {
      case KeyFormat.Malformed m ->
          new Refused(Denied.of(DenialReason.MALFORMED_KEY, "Invalid API key: " + m.why() + "."));
      case KeyFormat.Wellformed w -> {
        Optional<VirtualKey> found = keys.findByHash(w.secret().hash());
        yield found.<Result>map(Found::new)
            .orElseGet(() -> new Refused(
                Denied.of(DenialReason.UNKNOWN_KEY, "Incorrect API key provided.")));
      }
    };
  }
}
