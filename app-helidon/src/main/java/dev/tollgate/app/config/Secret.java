package dev.tollgate.app.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A secret value from the environment or a mounted file. Never printed: see toString. */
public final class Secret {

  private final String value;

  public Secret(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    this.value = value;
  }

  public String reveal() {
    return value;
  }

  /** Constant-time comparison with what a client presented. */
  public boolean matches(String presented) {
    return presented != null
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
