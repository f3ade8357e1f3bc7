package dev.tollgate.port.in;

import dev.tollgate.domain.secret.SaltKeyId;
import dev.tollgate.domain.secret.SecretName;
import java.util.List;
import java.util.Set;

/**
 * Re-seals every stored secret under a new salt key, all in one step. Idempotent: run again
 * after it succeeded (or after a crash), it finds everything under the new key and says so.
 */
public interface RotateSaltKey {

  sealed interface Rotation {
    record Rotated(SaltKeyId from, SaltKeyId to, int secrets) implements Rotation {}

    /** Everything was already sealed under the new key: nothing to do. */
    record AlreadyRotated(SaltKeyId to, int secrets) implements Rotation {}

    /** Secrets are sealed under key ids that are neither the old key nor the new one. */
    record WrongKey(SaltKeyId from, SaltKeyId to, Set<SaltKeyId> stored) implements Rotation {}

    record Tampered(List<SecretName> names) implements Rotation {}

    /** The store kept changing while the rotation ran; nothing was replaced. */
    record ChangedMeanwhile(int attempts) implements Rotation {}

    record SameKey(SaltKeyId keyId) implements Rotation {}
  }

  Rotation rotate(RotateSaltKeyCommand command);
}
