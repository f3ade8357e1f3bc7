package dev.tollgate.domain.secret;

import java.util.regex.Pattern;

/**
 * Which salt key sealed a secret: 16 hex digits of an HMAC of the key, so it tells keys apart
 * and reveals nothing about them. Safe to log and to show in error messages.
 */
public record SaltKeyId(String value) {

  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{16}");

  public SaltKeyId {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("a salt key id is 16 lowercase hex digits");
    }
  }

  public static SaltKeyId of(String value) {
    return new SaltKeyId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
