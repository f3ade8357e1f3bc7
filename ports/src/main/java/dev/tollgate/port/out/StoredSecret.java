package dev.tollgate.port.out;

import dev.tollgate.domain.secret.SealedSecret;
import dev.tollgate.domain.secret.SecretName;

/** One row of a {@link SecretStore}: a name and what is sealed under it. */
public record StoredSecret(SecretName name, SealedSecret sealed) {

  public StoredSecret {
    if (name == null || sealed == null) {
      throw new IllegalArgumentException("name and sealed secret are required");
    }
  }
}
