package dev.tollgate.domain.secret;

import java.util.regex.Pattern;

/**
 * The name a secret is stored under, e.g. {@code data-plane-api-key}. It is sealed into the
 * ciphertext as associated data, so a ciphertext copied to another name no longer opens. Names
 * starting with {@code tollgate.} are reserved for Tollgate's own records (the key check).
 */
public record SecretName(String value) {

  private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
  static final String RESERVED_PREFIX = "tollgate.";

  /** The canary sealed under the salt key so that a database without secrets still knows its key. */
  public static final SecretName KEY_CHECK = new SecretName("tollgate.key-check");

  public SecretName {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "a secret name is 1..128 of a-z 0-9 . _ - starting with a letter or digit");
    }
  }

  public static SecretName of(String value) {
    return new SecretName(value);
  }

  /** Whether the name is one of Tollgate's own records rather than an operator's secret. */
  public boolean isReserved() {
    return value.startsWith(RESERVED_PREFIX);
  }

  @Override
  public String toString() {
    return value;
  }
}
