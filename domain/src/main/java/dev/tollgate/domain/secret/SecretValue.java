package dev.tollgate.domain.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A secret in the clear: a credential, a webhook secret. {@code toString()} never shows it. */
public final class SecretValue {

  /** Secrets are credentials, not documents: a bound keeps a pasted file from being sealed. */
  public static final int MAX_BYTES = 16 * 1024;

  private final String value;

  private SecretValue(String value) {
    this.value = value;
  }

  public static SecretValue of(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a secret value must not be empty");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("a secret value is at most " + MAX_BYTES + " bytes");
    }
    return new SecretValue(value);
  }

  public String reveal() {
    return value;
  }

  byte[] utf8() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretValue other && MessageDigest.isEqual(utf8(), other.utf8());
  }

  @Override
  public int hashCode() {
    return 0; // a hash of the value would leak a little of it; secrets are never map keys
  }

  @Override
  public String toString() {
    return "SecretValue[redacted]";
  }
}
