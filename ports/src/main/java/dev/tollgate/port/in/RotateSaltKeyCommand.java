package dev.tollgate.port.in;

import dev.tollgate.domain.secret.SaltKey;

/** Move every stored secret from the {@code from} salt key to the {@code to} salt key. */
public record RotateSaltKeyCommand(SaltKey from, SaltKey to) {

  public RotateSaltKeyCommand {
    if (from == null || to == null) {
      throw new IllegalArgumentException("both salt keys are required");
    }
  }
}
