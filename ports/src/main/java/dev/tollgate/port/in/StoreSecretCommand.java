package dev.tollgate.port.in;

import dev.tollgate.domain.secret.SecretName;
import dev.tollgate.domain.secret.SecretValue;

/** Store {@code value} under {@code name}, replacing what was there. */
public record StoreSecretCommand(SecretName name, SecretValue value) {

  public StoreSecretCommand {
    if (name == null || value == null) {
      throw new IllegalArgumentException("name and value are required");
    }
  }
}
